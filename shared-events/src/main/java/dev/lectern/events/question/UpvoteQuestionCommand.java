package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Objects;
import java.util.UUID;

/** Upvote a question (once per person; not one's own). */
public record UpvoteQuestionCommand(@TargetAggregateIdentifier UUID questionId, Actor actor) {

    public UpvoteQuestionCommand {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(actor, "actor");
    }
}
