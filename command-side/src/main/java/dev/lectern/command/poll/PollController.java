package dev.lectern.command.poll;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.poll.PollGate.Gate;
import dev.lectern.command.poll.PollGate.Status;
import dev.lectern.command.poll.PollRequests.CreatePollRequest;
import dev.lectern.command.poll.PollRequests.VoteRequest;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.identity.SessionAuthority;
import dev.lectern.events.poll.BallotId;
import dev.lectern.events.poll.CastVoteCommand;
import dev.lectern.events.poll.ChangeVoteCommand;
import dev.lectern.events.poll.ClosePollCommand;
import dev.lectern.events.poll.OpenPollCommand;
import dev.lectern.events.poll.PublishPollResultsCommand;
import dev.lectern.events.poll.CreatePollCommand;
import dev.lectern.events.poll.CreatePollResult;
import dev.lectern.events.session.SessionId;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Polls of a class (docs/adr/0010-poll-voting-model.md): prepare, open, vote, close, publish, read. Every write runs in one
 * {@link IdempotentWrites} transaction with the poll's gate row (docs/adr/0010). The class's teacher or an admin
 * manages a poll (checked by the aggregates); people with a student or assistant role in the class vote.
 */
@RestController
class PollController {

    private final IdempotentWrites writes;
    private final CommandDispatcher commands;
    private final PollGate gates;

    PollController(IdempotentWrites writes, CommandDispatcher commands, PollGate gates) {
        this.writes = writes;
        this.commands = commands;
        this.gates = gates;
    }

    @PostMapping(path = "/sessions/{sessionId}/polls", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> create(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                        @PathVariable String sessionId, @Valid @RequestBody CreatePollRequest request) {
        AccessDeniedException.require(actor, Capability.RUN_SESSION);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + session + "/polls", request, () -> {
            UUID pollId = UUID.randomUUID();
            List<String> options = request.options().stream().map(String::strip).toList();
            List<Integer> correct = request.correctOptions() == null ? null
                    : request.correctOptions().stream().sorted().toList();
            CreatePollResult created = commands.send(new CreatePollCommand(session, actor, pollId, request.question().strip(),
                    options, request.multiple(), Boolean.TRUE.equals(request.allowChange()),
                    Boolean.TRUE.equals(request.showLiveResults()), correct), idempotencyKey);
            gates.created(actor, pollId, session, options.size(), request.multiple(), Boolean.TRUE.equals(request.allowChange()),
                    Boolean.TRUE.equals(request.showLiveResults()), created.owner(), created.courseId());
            String self = "/sessions/" + session + "/polls/" + pollId;
            return new IdempotentWrites.Result(HttpStatus.CREATED.value(), self, new PollView(pollId.toString(),
                    session.toString(), Status.DRAFT.value(), request.question().strip(), options, request.multiple(),
                    Boolean.TRUE.equals(request.allowChange()), Boolean.TRUE.equals(request.showLiveResults()), correct,
                    null, null));
        }).map(RecordedResponse::toResponseEntity);
    }

    @PostMapping(path = "/sessions/{sessionId}/polls/{pollId}/open", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> open(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                      @PathVariable String sessionId, @PathVariable String pollId) {
        return transition(actor, key, sessionId, pollId, "open", (session, gate, k) -> {
            commands.send(new OpenPollCommand(gate.pollId(), session, actor), k);
            gates.moved(gate.pollId(), Status.DRAFT, Status.OPEN);
            return new StatusView(gate.pollId().toString(), Status.OPEN.value(), null, null);
        });
    }

    /** Takes the poll's lock exclusively first: every vote in flight commits before poll.closed, none after. */
    @PostMapping(path = "/sessions/{sessionId}/polls/{pollId}/close", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> close(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                       @PathVariable String sessionId, @PathVariable String pollId) {
        return transition(actor, key, sessionId, pollId, "close", (session, gate, k) -> {
            gates.lockForClose(gate.pollId());
            commands.send(new ClosePollCommand(gate.pollId(), session, actor), k);
            gates.moved(gate.pollId(), Status.OPEN, Status.CLOSED);
            return new StatusView(gate.pollId().toString(), Status.CLOSED.value(), null, null);
        });
    }

    /** Tallies the ballots in the log (closed, so final) and publishes the counts. */
    @PostMapping(path = "/sessions/{sessionId}/polls/{pollId}/publish", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> publish(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                         @PathVariable String sessionId, @PathVariable String pollId) {
        return transition(actor, key, sessionId, pollId, "publish", (session, gate, k) -> {
            PollGate.Tally tally = gates.tally(gate);
            commands.send(new PublishPollResultsCommand(gate.pollId(), session, actor, tally.counts(), tally.ballots()), k);
            gates.moved(gate.pollId(), Status.CLOSED, Status.PUBLISHED);
            return new StatusView(gate.pollId().toString(), Status.PUBLISHED.value(), tally.counts(), tally.ballots());
        });
    }

    /**
     * The hot path (a whole class votes at once): the poll's shared lock, one read of the gate row with the voter's
     * enrolment, one event appended. A second ballot by the same person is refused by the event store's key (409
     * ALREADY_VOTED), or becomes a change where the poll allows it.
     */
    @PostMapping(path = "/sessions/{sessionId}/polls/{pollId}/votes", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> vote(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                      @PathVariable String sessionId, @PathVariable String pollId,
                                      @Valid @RequestBody VoteRequest request) {
        AccessDeniedException.require(actor, Capability.JOIN_SESSION);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        UUID poll = SessionPaths.uuid("pollId", pollId);
        if (actor.userId() == null) {
            throw new RequestRejectedException(ErrorCode.NOT_ON_ROSTER, "Only people known to the school can vote");
        }
        BallotId ballot = new BallotId(poll, actor.userId());
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + session + "/polls/" + poll + "/votes", request, () -> {
            gates.lockForVote(poll);
            Gate gate = gates.require(actor, session, poll);
            requireVoter(actor, gate);
            if (gate.status() != Status.OPEN) {
                throw new RequestRejectedException(ErrorCode.POLL_NOT_OPEN, "The poll is " + gate.status().value()
                        + "; votes are taken only while it is open");
            }
            if (gate.allowChange() && gates.hasBallot(ballot)) {
                Boolean changed = commands.send(new ChangeVoteCommand(ballot, session, actor, request.options(), gate.optionCount(),
                        gate.multipleChoice(), true), idempotencyKey);
                return new IdempotentWrites.Result(200, null, new VoteView(poll.toString(), actor.userId().toString(),
                        sorted(request.options()), Boolean.TRUE.equals(changed) ? "changed" : "unchanged"));
            }
            try {
                commands.send(new CastVoteCommand(ballot, session, actor, request.options(), gate.optionCount(),
                        gate.multipleChoice()), idempotencyKey);
            } catch (RuntimeException e) {
                if (!secondBallot(e)) {
                    throw e;
                }
                // The unique key refused sequence 0 of this ballot's stream: the transaction rolls back with this 409.
                throw new RequestRejectedException(ErrorCode.ALREADY_VOTED, gate.allowChange()
                        ? "Your vote in this poll was being recorded at the same moment; send the change again"
                        : "You already voted in this poll, and it does not allow changing a vote");
            }
            return new IdempotentWrites.Result(HttpStatus.CREATED.value(), null, new VoteView(poll.toString(),
                    actor.userId().toString(), sorted(request.options()), "cast"));
        }).map(RecordedResponse::toResponseEntity);
    }

    /**
     * The poll as the actor may see it: the teacher (or an admin) always sees the counts; the class sees them when the
     * poll shows live results or once they are published; the correct options only once published.
     */
    @GetMapping(path = "/sessions/{sessionId}/polls/{pollId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PollView> read(Actor actor, @PathVariable String sessionId, @PathVariable String pollId) {
        AccessDeniedException.require(actor, Capability.VIEW_SESSION);
        SessionId session = SessionPaths.parse(sessionId);
        UUID poll = SessionPaths.uuid("pollId", pollId);
        return Mono.fromCallable(() -> {
            Gate gate = gates.require(actor, session, poll);
            boolean manager = SessionAuthority.mayManage(actor, gate.owner());
            if (!manager && ClassRoles.of(actor, gate.owner(), gate.courseId(), gate.enrollments()).isEmpty()) {
                throw new RequestRejectedException(ErrorCode.NOT_ON_ROSTER, "You are not on this class's roster");
            }
            PollGate.PollRecord record = gates.record(poll);
            JsonNode created = record.created();
            boolean published = record.published() != null;
            List<Long> counts = null;
            Long ballots = null;
            if (published) {
                counts = longs(record.published().get("counts"));
                ballots = record.published().get("ballots").asLong();
            } else if (manager || gate.showLiveResults()) {
                PollGate.Tally tally = gates.tally(gate);
                counts = tally.counts();
                ballots = tally.ballots();
            }
            List<Integer> correct = (published || manager) ? ints(created.get("correctOptions")) : null;
            return new PollView(poll.toString(), session.toString(), gate.status().value(), created.get("question").asText(),
                    strings(created.get("options")), gate.multipleChoice(), gate.allowChange(), gate.showLiveResults(),
                    correct, counts, ballots);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @FunctionalInterface
    private interface Transition {
        StatusView run(SessionId session, Gate gate, IdempotencyKey key) throws Exception;
    }

    /** Teacher actions: the capability at the edge, the class's authority in the aggregate, the gate in the same transaction. */
    private Mono<ResponseEntity<byte[]>> transition(Actor actor, String key, String sessionId, String pollId, String step,
                                                    Transition transition) {
        AccessDeniedException.require(actor, Capability.RUN_SESSION);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        UUID poll = SessionPaths.uuid("pollId", pollId);
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + session + "/polls/" + poll + "/" + step, null,
                () -> new IdempotentWrites.Result(200, null, transition.run(session, gates.require(actor, session, poll), idempotencyKey)))
                     .map(RecordedResponse::toResponseEntity);
    }

    /** A student or assistant of the class; its teacher runs the poll rather than voting in it. */
    private static void requireVoter(Actor actor, Gate gate) {
        if (gate.revoked()) {
            throw new RequestRejectedException(ErrorCode.PARTICIPANT_REVOKED, "You were removed from this class");
        }
        Optional<String> role = ClassRoles.of(actor, gate.owner(), gate.courseId(), gate.enrollments());
        if (role.isEmpty()) {
            throw new RequestRejectedException(ErrorCode.NOT_ON_ROSTER, "You are not on this class's roster");
        }
        if (!ClassRoles.STUDENT.equals(role.get()) && !ClassRoles.ASSISTANT.equals(role.get())) {
            throw new RequestRejectedException(ErrorCode.FORBIDDEN, "Only the class's students and assistants vote; you are its "
                    + role.get().replace('_', ' '));
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

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }

    private static List<Integer> ints(JsonNode array) {
        if (array == null || array.isNull()) {
            return null;
        }
        List<Integer> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asInt()));
        return values;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    /** {@code counts}, {@code ballots} and {@code correctOptions} are absent when the reader may not see them yet. */
    record PollView(String pollId, String sessionId, String status, String question, List<String> options,
                    boolean multipleChoice, boolean allowChange, boolean showLiveResults, List<Integer> correctOptions,
                    List<Long> counts, Long ballots) {
    }

    record StatusView(String pollId, String status, List<Long> counts, Long ballots) {
    }

    /** {@code outcome}: cast, changed, or unchanged (the same options again). */
    record VoteView(String pollId, String userId, List<Integer> options, String outcome) {
    }
}
