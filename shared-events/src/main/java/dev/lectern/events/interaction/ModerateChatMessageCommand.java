package dev.lectern.events.interaction;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hide ({@code delete = false}) or delete a chat message (teacher, admin or a moderator). */
public record ModerateChatMessageCommand(
        @TargetAggregateIdentifier SessionId sessionId,
        Actor actor,
        MessageId messageId,
        boolean delete,
        String reason) {

    public ModerateChatMessageCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
