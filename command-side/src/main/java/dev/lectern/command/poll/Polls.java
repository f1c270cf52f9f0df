package dev.lectern.command.poll;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.poll.PollGate.Definition;
import dev.lectern.command.poll.PollGate.Gate;
import dev.lectern.command.poll.PollGate.Status;
import dev.lectern.command.poll.PollViews.PollView;
import dev.lectern.command.poll.PollViews.StatusView;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.SessionAuthority;
import dev.lectern.events.poll.ClosePollCommand;
import dev.lectern.events.poll.CreatePollCommand;
import dev.lectern.events.poll.OpenPollCommand;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.poll.PublishPollResultsCommand;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.session.SessionId;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The teacher's use cases of a poll (prepare, open, close, publish) and reading one (docs/adr/0010). The class's
 * teacher or an admin manages a poll (checked by the aggregates); the gate row follows each event in the same unit of
 * work ({@link PollTables}). Writes run inside the caller's transaction.
 */
@Service
class Polls {

    /** A poll as the teacher prepared it: stripped text, sorted correct options (null for a poll that is no quiz). */
    record Draft(
            String question,
            List<String> options,
            boolean multipleChoice,
            boolean allowChange,
            boolean showLiveResults,
            List<Integer> correctOptions) {}

    private final CommandDispatcher commands;
    private final PollGate gates;

    Polls(CommandDispatcher commands, PollGate gates) {
        this.commands = commands;
        this.gates = gates;
    }

    PollView create(Actor actor, SessionId session, PollId pollId, Draft draft, IdempotencyKey key) {
        commands.send(
                new CreatePollCommand(
                        session,
                        actor,
                        pollId,
                        draft.question(),
                        draft.options(),
                        draft.multipleChoice(),
                        draft.allowChange(),
                        draft.showLiveResults(),
                        draft.correctOptions()),
                key);
        return new PollView(
                pollId.toString(),
                session.toString(),
                Status.DRAFT.value(),
                draft.question(),
                draft.options(),
                draft.multipleChoice(),
                draft.allowChange(),
                draft.showLiveResults(),
                draft.correctOptions(),
                null,
                null);
    }

    StatusView open(Actor actor, SessionId session, PollId poll, IdempotencyKey key) {
        Gate gate = gates.require(actor, session, poll);
        commands.send(new OpenPollCommand(gate.pollId(), session, actor), key);
        return new StatusView(gate.pollId().toString(), Status.OPEN.value(), null, null);
    }

    /** Takes the poll's lock exclusively first: every vote in flight commits before poll.closed, none after. */
    StatusView close(Actor actor, SessionId session, PollId poll, IdempotencyKey key) {
        Gate gate = gates.require(actor, session, poll);
        gates.lockForClose(gate.pollId());
        commands.send(new ClosePollCommand(gate.pollId(), session, actor), key);
        return new StatusView(gate.pollId().toString(), Status.CLOSED.value(), null, null);
    }

    /** Tallies the current ballots (closed, so final) and publishes the counts. */
    StatusView publish(Actor actor, SessionId session, PollId poll, IdempotencyKey key) {
        Gate gate = gates.require(actor, session, poll);
        PollGate.Tally tally = gates.tally(gate);
        commands.send(
                new PublishPollResultsCommand(gate.pollId(), session, actor, tally.counts(), tally.ballots()), key);
        return new StatusView(gate.pollId().toString(), Status.PUBLISHED.value(), tally.counts(), tally.ballots());
    }

    /**
     * The poll as the actor may see it: the teacher (or an admin) always sees the counts; the class sees them when the
     * poll shows live results or once they are published; the correct options only once published.
     */
    PollView read(Actor actor, SessionId session, PollId poll) {
        Gate gate = gates.require(actor, session, poll);
        boolean manager = SessionAuthority.mayManage(actor, gate.owner());
        if (!manager
                && ClassRoles.of(actor, gate.owner(), gate.courseId(), gate.enrollments())
                        .isEmpty()) {
            throw new RequestRejectedException(ErrorCode.NOT_ON_ROSTER, "You are not on this class's roster");
        }
        Definition definition = gates.definition(poll);
        boolean published = definition.published();
        List<Long> counts = null;
        Long ballots = null;
        if (published) {
            counts = definition.publishedCounts();
            ballots = definition.publishedBallots();
        } else if (manager || gate.showLiveResults()) {
            PollGate.Tally tally = gates.tally(gate);
            counts = tally.counts();
            ballots = tally.ballots();
        }
        List<Integer> correct = (published || manager) ? definition.correctOptions() : null;
        return new PollView(
                poll.toString(),
                session.toString(),
                gate.status().value(),
                definition.question(),
                definition.options(),
                gate.multipleChoice(),
                gate.allowChange(),
                gate.showLiveResults(),
                correct,
                counts,
                ballots);
    }
}
