package dev.lectern.command.poll;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.poll.BallotId;
import dev.lectern.events.poll.CastVoteCommand;
import dev.lectern.events.poll.ChangeVoteCommand;
import dev.lectern.events.poll.VoteCastEvent;
import dev.lectern.events.poll.VoteChangedEvent;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.ClassScope;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One person's ballot in one poll, id {@code <pollId>:<userId>}. Casting creates it; a second cast by the same person
 * appends sequence 0 of the same stream again and is refused by the event store's unique key (no read needed, no
 * shared lock between voters). Not cached: most ballots are written once and never loaded. Whether the poll is open is
 * decided by the endpoint under the poll's gate lock (docs/adr/0010); the ballot checks its own shape, and that a
 * change comes through its own class ({@link ClassScope}, docs/adr/0014).
 */
@Aggregate
class Ballot {

    @AggregateIdentifier
    private BallotId ballotId;

    private ClassScope scope;
    private List<Integer> options;

    Ballot() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Ballot(CastVoteCommand command, Clock clock) throws DomainException {
        requireShape(command.options(), command.optionCount(), command.multipleChoice());
        BallotId id = command.ballotId();
        apply(new VoteCastEvent(
                id.pollId(),
                command.sessionId(),
                command.actor().tenantId(),
                id.userId(),
                command.options(),
                clock.instant()));
    }

    /** Every command to this ballot first proves it speaks for the ballot's own class (docs/adr/0014). */
    @CommandHandlerInterceptor
    void inScope(ClassObjectCommand command) throws DomainException {
        scope.require(command, ErrorCode.POLL_NOT_FOUND, ballotId.pollId());
    }

    /** Returns false when the ballot already has exactly these options (said, not silent). */
    @CommandHandler
    boolean handle(ChangeVoteCommand command, Clock clock) throws DomainException {
        if (!command.allowChange()) {
            throw new DomainException(ErrorCode.VOTE_CHANGE_NOT_ALLOWED, "This poll does not allow changing a vote");
        }
        requireShape(command.options(), command.optionCount(), command.multipleChoice());
        if (command.options().equals(options)) {
            return false;
        }
        apply(new VoteChangedEvent(
                ballotId.pollId(),
                scope.sessionId(),
                scope.tenantId(),
                ballotId.userId(),
                command.options(),
                clock.instant()));
        return true;
    }

    private static void requireShape(List<Integer> chosen, int optionCount, boolean multipleChoice)
            throws DomainException {
        if (chosen.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Choose at least one option");
        }
        if (!multipleChoice && chosen.size() != 1) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "This poll takes exactly one option");
        }
        for (int option : chosen) {
            if (option < 0 || option >= optionCount) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED,
                        "Option " + option + " does not exist (options are 0 to " + (optionCount - 1) + ")");
            }
        }
    }

    @EventSourcingHandler
    void on(VoteCastEvent event) {
        this.ballotId = new BallotId(event.pollId(), event.userId());
        this.scope = ClassScope.of(event);
        this.options = event.options();
    }

    @EventSourcingHandler
    void on(VoteChangedEvent event) {
        this.options = event.options();
    }
}
