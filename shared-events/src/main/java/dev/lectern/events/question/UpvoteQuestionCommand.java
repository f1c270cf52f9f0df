package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Upvote a question (once per person; not one's own). */
public record UpvoteQuestionCommand(
        @TargetAggregateIdentifier QuestionId questionId, SessionId sessionId, Actor actor)
        implements ClassObjectCommand {

    public UpvoteQuestionCommand {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
