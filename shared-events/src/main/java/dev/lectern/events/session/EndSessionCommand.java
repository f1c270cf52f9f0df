package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** End a live class on behalf of {@code actor}. */
public record EndSessionCommand(@TargetAggregateIdentifier SessionId sessionId, Actor actor) {

    public EndSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
