package dev.lectern.events.session;

import dev.lectern.events.identity.TenantId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The class's media room closed (LiveKit room_finished): a class still live ends with it. */
public record FinishMediaRoomCommand(
        @TargetAggregateIdentifier SessionId sessionId, TenantId tenantId) {

    public FinishMediaRoomCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tenantId, "tenantId");
    }
}
