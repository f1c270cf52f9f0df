package dev.lectern.events.interaction;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Post a chat message as a participant of the live class; refused while chat is off or in exam mode, when muted, in slow mode or with a blocked word. */
public record PostChatMessageCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, MessageId messageId, String text) {

    public PostChatMessageCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
