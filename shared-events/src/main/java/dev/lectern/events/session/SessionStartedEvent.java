package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The class went live. Appended only after identity, media allocation and (if the class records)
 * the recorder succeeded. {@code mediaRoom} is null when media is off (control plane only);
 * {@code recordingId} is null when the class does not record (or media is off).
 */
@EventName("session.started")
@Revision("1")
public record SessionStartedEvent(
        SessionId sessionId,
        TenantId tenantId,
        String startedBy,
        String mediaRoom,
        String recordingId,
        Instant startedAt)
        implements SessionLifecycleEvent {}
