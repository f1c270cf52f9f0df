package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Objects;
import java.util.UUID;

/** Mark a question resolved (moderators, or its author). */
public record ResolveQuestionCommand(@TargetAggregateIdentifier UUID questionId, Actor actor) {

    public ResolveQuestionCommand {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(actor, "actor");
    }
}
