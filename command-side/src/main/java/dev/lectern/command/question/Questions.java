package dev.lectern.command.question;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.question.AnswerQuestionCommand;
import dev.lectern.events.question.AskQuestionCommand;
import dev.lectern.events.question.DismissQuestionCommand;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.question.ResolveQuestionCommand;
import dev.lectern.events.question.UpvoteQuestionCommand;
import dev.lectern.events.session.AuthorizeModerationCommand;
import dev.lectern.events.session.AuthorizeParticipationCommand;
import dev.lectern.events.session.SessionId;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Q&amp;A of a class, inside the write's transaction: the class (Session aggregate) creates a question; before any
 * command to a question the class says whether the actor takes part in it (an upvote) or moderates it (answer,
 * resolve, dismiss), and the question itself checks that it belongs to that class. A question that does not
 * exist is {@code QUESTION_NOT_FOUND}.
 */
@Service
class Questions {

    private final CommandDispatcher commands;

    Questions(CommandDispatcher commands) {
        this.commands = commands;
    }

    void ask(Actor actor, SessionId session, QuestionId question, String text, boolean anonymous, IdempotencyKey key) {
        commands.send(new AskQuestionCommand(session, actor, question, text, anonymous), key);
    }

    /** One vote per person: the question checks it. */
    void upvote(Actor actor, SessionId session, QuestionId question, IdempotencyKey key) {
        onQuestion(actor, session, question, false, new UpvoteQuestionCommand(question, session, actor), key);
    }

    void answer(Actor actor, SessionId session, QuestionId question, String text, boolean live, IdempotencyKey key) {
        onQuestion(
                actor, session, question, true, new AnswerQuestionCommand(question, session, actor, text, live), key);
    }

    void resolve(Actor actor, SessionId session, QuestionId question, IdempotencyKey key) {
        onQuestion(actor, session, question, true, new ResolveQuestionCommand(question, session, actor), key);
    }

    void dismiss(Actor actor, SessionId session, QuestionId question, String reason, IdempotencyKey key) {
        onQuestion(actor, session, question, true, new DismissQuestionCommand(question, session, actor, reason), key);
    }

    private void onQuestion(
            Actor actor,
            SessionId session,
            QuestionId question,
            boolean moderation,
            Object command,
            IdempotencyKey key) {
        commands.send(
                moderation
                        ? new AuthorizeModerationCommand(session, actor)
                        : new AuthorizeParticipationCommand(session, actor),
                key);
        try {
            commands.send(command, key);
        } catch (AggregateNotFoundException e) {
            throw new RequestRejectedException(ErrorCode.QUESTION_NOT_FOUND, "No question " + question);
        }
    }
}
