package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Objects;
import java.util.UUID;

/** Dismiss a question (moderators). */
public record DismissQuestionCommand(@TargetAggregateIdentifier UUID questionId, Actor actor, String reason) {

    public DismissQuestionCommand {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(actor, "actor");
    }
}
