package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark a question resolved (moderators, or its author). */
public record ResolveQuestionCommand(
        @TargetAggregateIdentifier QuestionId questionId, SessionId sessionId, Actor actor)
        implements ClassObjectCommand {

    public ResolveQuestionCommand {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
