package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Call off a scheduled class on behalf of {@code actor}. */
public record CancelSessionCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, String reason) {

    public CancelSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
