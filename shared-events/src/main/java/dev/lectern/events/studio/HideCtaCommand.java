package dev.lectern.events.studio;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take the call to action off screen (teacher or admin). */
public record HideCtaCommand(@TargetAggregateIdentifier SessionId sessionId, Actor actor) {

    public HideCtaCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
