package dev.lectern.events.recording;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The media plane reports a settled recording (egress_ended webhook or the saga's polling); applied once. */
public record FinalizeRecordingCommand(
        @TargetAggregateIdentifier SessionId sessionId, TenantId tenantId, String recordingId, RecordingStatus status) {

    public FinalizeRecordingCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(status, "status");
    }
}
