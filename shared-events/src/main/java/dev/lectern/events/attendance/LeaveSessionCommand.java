package dev.lectern.events.attendance;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Leave a live class. */
public record LeaveSessionCommand(@TargetAggregateIdentifier SessionId sessionId, Actor actor) {

    public LeaveSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
