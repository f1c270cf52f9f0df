package dev.lectern.command.poll;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.SessionAuthority;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.ClosePollCommand;
import dev.lectern.events.poll.OpenPollCommand;
import dev.lectern.events.poll.PollClosedEvent;
import dev.lectern.events.poll.PollCreatedEvent;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.poll.PollOpenedEvent;
import dev.lectern.events.poll.PollResultsPublishedEvent;
import dev.lectern.events.poll.PublishPollResultsCommand;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.ClassScope;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One poll of a class: its definition and lifecycle (draft, open, closed, published). Ballots are not here: each person's
 * ballot is its own aggregate ({@link Ballot}), so that a class votes in parallel (docs/adr/0010). The Session aggregate
 * creates a poll ({@link #create}) after checking who asks and the class's state; afterwards only the class's teacher
 * (the owner) or an admin moves it on, and only through the poll's own class: another class or school does not find it
 * ({@link ClassScope}, docs/adr/0014).
 * The Session aggregate creates it through {@link PollCreation}.
 */
@Aggregate
class Poll {

    enum Status {
        DRAFT,
        OPEN,
        CLOSED,
        PUBLISHED
    }

    @AggregateIdentifier
    private PollId pollId;

    private ClassScope scope;
    private UserId owner;
    private int optionCount;
    private boolean multipleChoice;
    private Status status;

    Poll() {
        // for Axon's event sourcing
    }

    /**
     * Creates the poll within the Session aggregate's unit of work:
     * {@code PollCreation.create(created, teacher)}. {@code owner} must be the
     * event's owner (the class's teacher), which the event carries so that a reloaded poll still knows it.
     */
    static Poll create(PollCreatedEvent created, UserId owner) {
        Objects.requireNonNull(created, "created");
        if (!Objects.equals(created.owner(), owner)) {
            throw new IllegalArgumentException("The poll's owner must be the one its created event names");
        }
        Poll poll = new Poll();
        apply(created);
        return poll;
    }

    /** Every command to this poll first proves it speaks for the poll's own class (docs/adr/0014). */
    @CommandHandlerInterceptor
    void inScope(ClassObjectCommand command) throws DomainException {
        scope.require(command, ErrorCode.POLL_NOT_FOUND, pollId);
    }

    @CommandHandler
    void handle(OpenPollCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        if (status != Status.DRAFT) {
            throw new DomainException(
                    ErrorCode.POLL_ALREADY_OPENED, "The poll was already opened (it is " + describe() + ")");
        }
        apply(new PollOpenedEvent(
                pollId, scope.sessionId(), scope.tenantId(), command.actor().subject(), clock.instant()));
    }

    @CommandHandler
    void handle(ClosePollCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        if (status != Status.OPEN) {
            throw new DomainException(
                    ErrorCode.POLL_NOT_OPEN, "Only an open poll can be closed (it is " + describe() + ")");
        }
        apply(new PollClosedEvent(
                pollId, scope.sessionId(), scope.tenantId(), command.actor().subject(), clock.instant()));
    }

    /** The counts come from the ballots in the log (the endpoint tallies them once the poll is closed). */
    @CommandHandler
    void handle(PublishPollResultsCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        if (status == Status.PUBLISHED) {
            throw new DomainException(ErrorCode.POLL_RESULTS_ALREADY_PUBLISHED, "The results were already published");
        }
        if (status != Status.CLOSED) {
            throw new DomainException(
                    ErrorCode.POLL_NOT_CLOSED,
                    "Close the poll before publishing its results (it is " + describe() + ")");
        }
        List<Long> counts = command.counts();
        long chosen = counts.stream().mapToLong(Long::longValue).sum();
        boolean negative = command.ballots() < 0 || counts.stream().anyMatch(c -> c == null || c < 0);
        // Every ballot chooses one option (single choice) or at least one (multiple choice).
        boolean consistent = multipleChoice
                ? chosen >= command.ballots() && chosen <= command.ballots() * optionCount
                : chosen == command.ballots();
        if (counts.size() != optionCount || negative || !consistent) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED,
                    "The tally does not fit the poll: " + counts.size() + " counts for " + optionCount + " options, "
                            + chosen + " choices for " + command.ballots() + " ballots");
        }
        apply(new PollResultsPublishedEvent(
                pollId,
                scope.sessionId(),
                scope.tenantId(),
                List.copyOf(counts),
                command.ballots(),
                command.actor().subject(),
                clock.instant()));
    }

    /** Within the poll's own class ({@link #inScope}), only the class's teacher or an admin. */
    private void authorize(Actor actor) throws DomainException {
        if (!SessionAuthority.mayManage(actor, owner)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only this class's teacher or an admin may do this");
        }
    }

    private String describe() {
        return status.name().toLowerCase();
    }

    @EventSourcingHandler
    void on(PollCreatedEvent event) {
        this.pollId = event.pollId();
        this.scope = ClassScope.of(event);
        this.owner = event.owner();
        this.optionCount = event.options().size();
        this.multipleChoice = event.multipleChoice();
        this.status = Status.DRAFT;
    }

    @EventSourcingHandler
    void on(PollOpenedEvent event) {
        this.status = Status.OPEN;
    }

    @EventSourcingHandler
    void on(PollClosedEvent event) {
        this.status = Status.CLOSED;
    }

    @EventSourcingHandler
    void on(PollResultsPublishedEvent event) {
        this.status = Status.PUBLISHED;
    }
}
