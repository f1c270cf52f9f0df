package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A person was removed from this class and may not (re)join it; their class permissions end with it. */
@EventName("participant.revoked")
@Revision("1")
public record ParticipantRevokedEvent(
        SessionId sessionId, TenantId tenantId, UserId userId, String revokedBy, String reason, Instant revokedAt)
        implements SessionPermissionEvent {}
