package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End a live class on behalf of {@code actor}. */
public record EndSessionCommand(@TargetAggregateIdentifier SessionId sessionId, Actor actor) {

    public EndSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
