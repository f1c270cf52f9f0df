package dev.lectern.command.question;

import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import dev.lectern.events.question.QuestionAskedEvent;

/**
 * How the class (the Session aggregate) creates a Question aggregate from inside its own command handler,
 * in the same unit of work, once it has checked who asks. The aggregate itself stays package-private.
 */
public final class QuestionCreation {

    private QuestionCreation() {}

    public static void create(QuestionAskedEvent asked) throws Exception {
        createNew(Question.class, () -> new Question(asked));
    }
}
