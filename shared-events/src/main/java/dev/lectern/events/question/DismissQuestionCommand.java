package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Dismiss a question (moderators). */
public record DismissQuestionCommand(
        @TargetAggregateIdentifier QuestionId questionId, SessionId sessionId, Actor actor, String reason)
        implements ClassObjectCommand {

    public DismissQuestionCommand {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
