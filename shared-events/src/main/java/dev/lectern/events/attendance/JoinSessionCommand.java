package dev.lectern.events.attendance;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Join a live class as {@code actor}; the aggregate decides the class role from its teacher, its course and the actor's
 * {@code enrollments} (course id to role). */
public record JoinSessionCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, Map<UUID, String> enrollments) {

    public JoinSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
        enrollments = Map.copyOf(enrollments);
    }
}
