package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a person from a class for good (they cannot rejoin), on behalf of {@code actor}. */
public record RevokeParticipantCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, UserId userId, String reason) {

    public RevokeParticipantCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(userId, "userId");
    }
}
