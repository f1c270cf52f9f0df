package dev.lectern.command.poll;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.poll.PollGate.Gate;
import dev.lectern.command.poll.PollGate.Status;
import dev.lectern.command.poll.PollViews.VoteView;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.poll.BallotId;
import dev.lectern.events.poll.CastVoteCommand;
import dev.lectern.events.poll.ChangeVoteCommand;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.session.SessionId;
import java.util.List;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Service;

/**
 * Casting or changing a ballot (docs/adr/0010), the hot path when a whole class votes at once: the poll's shared lock,
 * one read of the gate row (with the voter's enrolment, revocation and existing ballot), then the rules (who may vote,
 * the poll is open), then one command. A second ballot by the same person is refused by the event store's key (409
 * ALREADY_VOTED), or becomes a change where the poll allows it. Runs inside the caller's transaction.
 */
@Service
class Voting {

    private final CommandDispatcher commands;
    private final PollGate gates;

    Voting(CommandDispatcher commands, PollGate gates) {
        this.commands = commands;
        this.gates = gates;
    }

    private static void requireKnownVoter(Actor actor) {
        if (actor.userId() == null) {
            throw new RequestRejectedException(ErrorCode.NOT_ON_ROSTER, "Only people known to the school can vote");
        }
    }

    VoteView vote(Actor actor, SessionId session, PollId poll, List<Integer> options, IdempotencyKey key) {
        requireKnownVoter(actor);
        BallotId ballot = new BallotId(poll, actor.userId());
        gates.lockForVote(poll);
        Gate gate = gates.require(actor, session, poll);
        requireVoter(actor, gate);
        requireOpen(gate);
        if (gate.hasBallot()) {
            Boolean changed = commands.send(
                    new ChangeVoteCommand(
                            ballot, session, actor, options, gate.optionCount(), gate.multipleChoice(), true),
                    key);
            return new VoteView(
                    poll.toString(),
                    actor.userId().toString(),
                    sorted(options),
                    Boolean.TRUE.equals(changed) ? "changed" : "unchanged");
        }
        try {
            commands.send(
                    new CastVoteCommand(ballot, session, actor, options, gate.optionCount(), gate.multipleChoice()),
                    key);
        } catch (RuntimeException e) {
            if (!secondBallot(e)) {
                throw e;
            }
            // The unique key refused sequence 0 of this ballot's stream: the transaction rolls back with this 409.
            throw new RequestRejectedException(
                    ErrorCode.ALREADY_VOTED,
                    gate.allowChange()
                            ? "Your vote in this poll was being recorded at the same moment; send the change again"
                            : "You already voted in this poll, and it does not allow changing a vote");
        }
        return new VoteView(poll.toString(), actor.userId().toString(), sorted(options), "cast");
    }

    /** A student or assistant of the class, not removed from it; its teacher runs the poll rather than voting in it. */
    static void requireVoter(Actor actor, Gate gate) {
        if (gate.revoked()) {
            throw new RequestRejectedException(ErrorCode.PARTICIPANT_REVOKED, "You were removed from this class");
        }
        Optional<String> role = ClassRoles.of(actor, gate.owner(), gate.courseId(), gate.enrollments());
        if (role.isEmpty()) {
            throw new RequestRejectedException(ErrorCode.NOT_ON_ROSTER, "You are not on this class's roster");
        }
        if (!ClassRoles.STUDENT.equals(role.get()) && !ClassRoles.ASSISTANT.equals(role.get())) {
            throw new RequestRejectedException(
                    ErrorCode.FORBIDDEN,
                    "Only the class's students and assistants vote; you are its "
                            + role.get().replace('_', ' '));
        }
    }

    /** Read under the poll's shared lock: a close either waits for this vote or has already set the row. */
    static void requireOpen(Gate gate) {
        if (gate.status() != Status.OPEN) {
            throw new RequestRejectedException(
                    ErrorCode.POLL_NOT_OPEN,
                    "The poll is " + gate.status().value() + "; votes are taken only while it is open");
        }
    }

    private static boolean secondBallot(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> sorted(List<Integer> options) {
        return options.stream().distinct().sorted().toList();
    }
}
