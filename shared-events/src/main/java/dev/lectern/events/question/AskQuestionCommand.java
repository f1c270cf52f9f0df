package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask a question as a participant of the live class: the Session aggregate checks the asker, exam mode and anonymity, and creates the Question aggregate. */
public record AskQuestionCommand(
        @TargetAggregateIdentifier SessionId sessionId,
        Actor actor,
        QuestionId questionId,
        String text,
        boolean anonymous) {

    public AskQuestionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
