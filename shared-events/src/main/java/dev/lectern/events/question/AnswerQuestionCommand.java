package dev.lectern.events.question;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Objects;
import java.util.UUID;

/** Answer a question in writing ({@code text}) or mark it answered live (moderators). */
public record AnswerQuestionCommand(@TargetAggregateIdentifier UUID questionId, Actor actor, String text, boolean live) {

    public AnswerQuestionCommand {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(actor, "actor");
    }
}
