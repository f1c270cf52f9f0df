package dev.lectern.events.recording;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The class recording settled: {@code complete} with the object's S3 location, or {@code failed} /
 * {@code timed_out} (no file). Starts the artifact pipeline when complete.
 */
@EventName("recording.finalized")
@Revision("1")
public record RecordingFinalizedEvent(
        SessionId sessionId,
        TenantId tenantId,
        String recordingId,
        String status,
        String location,
        long sizeBytes,
        long durationSeconds,
        String error,
        Instant finalizedAt)
        implements RecordingEvent {}
