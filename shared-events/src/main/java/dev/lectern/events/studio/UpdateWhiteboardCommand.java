package dev.lectern.events.studio;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Apply a batch of whiteboard operations (teacher, admin or a presenter). */
public record UpdateWhiteboardCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, UUID batchId, List<WhiteboardOp> ops) {

    public UpdateWhiteboardCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
