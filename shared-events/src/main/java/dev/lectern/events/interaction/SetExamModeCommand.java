package dev.lectern.events.interaction;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turn exam mode on or off (teacher or admin). */
public record SetExamModeCommand(@TargetAggregateIdentifier SessionId sessionId, Actor actor, boolean enabled) {

    public SetExamModeCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
