package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Go live on behalf of {@code actor}. The aggregate checks state and authority, then allocates media through the port. */
public record StartSessionCommand(@TargetAggregateIdentifier SessionId sessionId, Actor actor) {

    public StartSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
