package dev.lectern.events.attendance;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Who the media plane lists in the class's room right now. LiveKit does not guarantee webhook
 * delivery, so the room-lifecycle saga asks periodically and the aggregate appends the missing
 * joins and leaves.
 */
public record ReconcileAttendanceCommand(
        @TargetAggregateIdentifier SessionId sessionId, TenantId tenantId, Set<UserId> inRoom) {

    public ReconcileAttendanceCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tenantId, "tenantId");
        inRoom = Set.copyOf(inRoom);
    }
}
