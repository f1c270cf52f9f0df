package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A participant was given a permission in this class (e.g. a student promoted to presenter). */
@EventName("permission.granted")
@Revision("1")
public record SessionPermissionGrantedEvent(
        SessionId sessionId,
        TenantId tenantId,
        UserId userId,
        SessionPermission permission,
        String grantedBy,
        String reason,
        Instant grantedAt)
        implements SessionPermissionEvent {}
