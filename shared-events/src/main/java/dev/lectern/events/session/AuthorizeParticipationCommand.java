package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks the Session aggregate for {@code actor}'s class role if they take part in the live class (joined, not removed); appends nothing. */
public record AuthorizeParticipationCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor) {

    public AuthorizeParticipationCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
