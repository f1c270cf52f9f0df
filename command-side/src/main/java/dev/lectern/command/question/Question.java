package dev.lectern.command.question;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.question.AnswerQuestionCommand;
import dev.lectern.events.question.DismissQuestionCommand;
import dev.lectern.events.question.QuestionAnsweredEvent;
import dev.lectern.events.question.QuestionAskedEvent;
import dev.lectern.events.question.QuestionDismissedEvent;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.question.QuestionResolvedEvent;
import dev.lectern.events.question.QuestionUpvotedEvent;
import dev.lectern.events.question.ResolveQuestionCommand;
import dev.lectern.events.question.UpvoteQuestionCommand;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.ClassScope;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One question in a class's Q&A. Asked through the class (the Session aggregate checks the asker, exam
 * mode and anonymity); upvoted once per person (not by its author); answered in writing or live;
 * resolved or dismissed, after which it leaves the queue. Whether someone may moderate or take part
 * is decided by the class first (the endpoint asks the Session aggregate in the same transaction);
 * this aggregate keeps the question's own rules, and answers "not found" to a command from any other class
 * or school ({@link ClassScope}, docs/adr/0014).
 */
@Aggregate
class Question {

    public static final int MAX_ANSWER = 4000;

    enum Status {
        OPEN,
        RESOLVED,
        DISMISSED
    }

    @AggregateIdentifier
    private QuestionId questionId;

    private ClassScope scope;
    private UserId author;
    private Status status;
    private final Set<UserId> upvoters = new HashSet<>();

    Question() {
        // for Axon's event sourcing
    }

    Question(QuestionAskedEvent asked) {
        apply(asked);
    }

    /** Every command to this question first proves it speaks for the question's own class (docs/adr/0014). */
    @CommandHandlerInterceptor
    void inScope(ClassObjectCommand command) throws DomainException {
        scope.require(command, ErrorCode.QUESTION_NOT_FOUND, questionId);
    }

    @CommandHandler
    void handle(UpvoteQuestionCommand command, Clock clock) throws DomainException {
        requireOpen();
        UserId user = command.actor().userId();
        if (user == null || user.equals(author)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "You cannot upvote your own question");
        }
        if (upvoters.contains(user)) {
            throw new DomainException(ErrorCode.ALREADY_UPVOTED, "You already upvoted this question");
        }
        apply(new QuestionUpvotedEvent(questionId, scope.sessionId(), scope.tenantId(), user, clock.instant()));
    }

    @CommandHandler
    void handle(AnswerQuestionCommand command, Clock clock) throws DomainException {
        requireOpen();
        String text = command.text();
        if (!command.live() && (text == null || text.isBlank() || text.length() > MAX_ANSWER)) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED,
                    "An answer needs text (1 to " + MAX_ANSWER + " characters), or live: true");
        }
        apply(new QuestionAnsweredEvent(
                questionId,
                scope.sessionId(),
                scope.tenantId(),
                command.actor().subject(),
                command.live() ? null : text,
                command.live(),
                clock.instant()));
    }

    @CommandHandler
    void handle(ResolveQuestionCommand command, Clock clock) throws DomainException {
        requireOpen();
        apply(new QuestionResolvedEvent(
                questionId, scope.sessionId(), scope.tenantId(), command.actor().subject(), clock.instant()));
    }

    @CommandHandler
    void handle(DismissQuestionCommand command, Clock clock) throws DomainException {
        requireOpen();
        apply(new QuestionDismissedEvent(
                questionId,
                scope.sessionId(),
                scope.tenantId(),
                command.actor().subject(),
                command.reason(),
                clock.instant()));
    }

    private void requireOpen() throws DomainException {
        if (status != Status.OPEN) {
            throw new DomainException(
                    ErrorCode.QUESTION_CLOSED,
                    "This question was already " + status.name().toLowerCase());
        }
    }

    @EventSourcingHandler
    void on(QuestionAskedEvent event) {
        questionId = event.questionId();
        scope = ClassScope.of(event);
        author = event.userId();
        status = Status.OPEN;
    }

    @EventSourcingHandler
    void on(QuestionUpvotedEvent event) {
        upvoters.add(event.userId());
    }

    @EventSourcingHandler
    void on(QuestionResolvedEvent event) {
        status = Status.RESOLVED;
    }

    @EventSourcingHandler
    void on(QuestionDismissedEvent event) {
        status = Status.DISMISSED;
    }
}
