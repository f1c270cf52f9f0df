package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answer a question in writing ({@code text}) or mark it answered live (moderators). */
public record AnswerQuestionCommand(
        @TargetAggregateIdentifier QuestionId questionId, SessionId sessionId, Actor actor, String text, boolean live)
        implements ClassObjectCommand {

    public AnswerQuestionCommand {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
