package dev.lectern.events.studio;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change the layout within the current scene (teacher or admin). */
public record ChangeLayoutCommand(@TargetAggregateIdentifier SessionId sessionId, Actor actor, String layout) {

    public ChangeLayoutCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
