package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grant ({@code grant = true}) or revoke a class permission for a participant, on behalf of {@code actor}. */
public record ChangeSessionPermissionCommand(
        @TargetAggregateIdentifier SessionId sessionId,
        Actor actor,
        UserId userId,
        SessionPermission permission,
        boolean grant,
        String reason) {

    public ChangeSessionPermissionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(permission, "permission");
    }
}
