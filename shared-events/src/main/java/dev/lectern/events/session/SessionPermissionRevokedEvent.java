package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A permission given in this class was taken back. */
@EventName("permission.revoked")
@Revision("1")
public record SessionPermissionRevokedEvent(
        SessionId sessionId,
        TenantId tenantId,
        UserId userId,
        SessionPermission permission,
        String revokedBy,
        String reason,
        Instant revokedAt)
        implements SessionPermissionEvent {}
