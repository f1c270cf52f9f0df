package dev.lectern.command.poll;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.poll.PollRequests.CreatePollRequest;
import dev.lectern.command.poll.PollRequests.VoteRequest;
import dev.lectern.command.poll.PollViews.PollView;
import dev.lectern.command.poll.PollViews.StatusView;
import dev.lectern.command.poll.PollViews.VoteView;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.session.SessionId;
import jakarta.validation.Valid;
import java.util.List;
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

/**
 * Polls of a class over HTTP: prepare, open, vote, close, publish, read. Parses, runs one use case of {@link Polls}
 * or {@link Voting} in one {@link IdempotentWrites} transaction, and maps the answer (docs/adr/0010, docs/adr/0021).
 */
@RestController
class PollController {

    private final IdempotentWrites writes;
    private final Polls polls;
    private final Voting voting;

    PollController(IdempotentWrites writes, Polls polls, Voting voting) {
        this.writes = writes;
        this.polls = polls;
        this.voting = voting;
    }

    @PostMapping(
            path = "/sessions/{sessionId}/polls",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> create(
            Actor actor,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            @PathVariable String sessionId,
            @Valid @RequestBody CreatePollRequest request) {
        AccessDeniedException.require(actor, Capability.RUN_SESSION);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + session + "/polls", request, () -> {
                    PollId pollId = PollId.random();
                    PollView created = polls.create(actor, session, pollId, draft(request), idempotencyKey);
                    return new IdempotentWrites.Result(
                            HttpStatus.CREATED.value(), "/sessions/" + session + "/polls/" + pollId, created);
                })
                .map(RecordedResponse::toResponseEntity);
    }

    @PostMapping(path = "/sessions/{sessionId}/polls/{pollId}/open", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> open(
            Actor actor,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            @PathVariable String sessionId,
            @PathVariable String pollId) {
        return transition(actor, key, sessionId, pollId, "open", polls::open);
    }

    @PostMapping(path = "/sessions/{sessionId}/polls/{pollId}/close", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> close(
            Actor actor,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            @PathVariable String sessionId,
            @PathVariable String pollId) {
        return transition(actor, key, sessionId, pollId, "close", polls::close);
    }

    @PostMapping(path = "/sessions/{sessionId}/polls/{pollId}/publish", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> publish(
            Actor actor,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            @PathVariable String sessionId,
            @PathVariable String pollId) {
        return transition(actor, key, sessionId, pollId, "publish", polls::publish);
    }

    /** 201 for a first ballot, 200 for a change (or the same options again). */
    @PostMapping(
            path = "/sessions/{sessionId}/polls/{pollId}/votes",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> vote(
            Actor actor,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            @PathVariable String sessionId,
            @PathVariable String pollId,
            @Valid @RequestBody VoteRequest request) {
        AccessDeniedException.require(actor, Capability.JOIN_SESSION);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        PollId poll = PollId.of(SessionPaths.uuid("pollId", pollId));
        return writes.execute(
                        actor,
                        idempotencyKey,
                        "POST",
                        "/sessions/" + session + "/polls/" + poll + "/votes",
                        request,
                        () -> {
                            VoteView vote = voting.vote(actor, session, poll, request.options(), idempotencyKey);
                            return new IdempotentWrites.Result(
                                    "cast".equals(vote.outcome()) ? HttpStatus.CREATED.value() : HttpStatus.OK.value(),
                                    null,
                                    vote);
                        })
                .map(RecordedResponse::toResponseEntity);
    }

    @GetMapping(path = "/sessions/{sessionId}/polls/{pollId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PollView> read(Actor actor, @PathVariable String sessionId, @PathVariable String pollId) {
        AccessDeniedException.require(actor, Capability.VIEW_SESSION);
        SessionId session = SessionPaths.parse(sessionId);
        PollId poll = PollId.of(SessionPaths.uuid("pollId", pollId));
        return Mono.fromCallable(() -> polls.read(actor, session, poll)).subscribeOn(Schedulers.boundedElastic());
    }

    @FunctionalInterface
    private interface Transition {
        StatusView run(Actor actor, SessionId session, PollId poll, IdempotencyKey key);
    }

    /** Teacher actions: the capability at the edge, the rest in the use case, in one transaction. */
    private Mono<ResponseEntity<byte[]>> transition(
            Actor actor, String key, String sessionId, String pollId, String step, Transition transition) {
        AccessDeniedException.require(actor, Capability.RUN_SESSION);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        PollId poll = PollId.of(SessionPaths.uuid("pollId", pollId));
        return writes.execute(
                        actor,
                        idempotencyKey,
                        "POST",
                        "/sessions/" + session + "/polls/" + poll + "/" + step,
                        null,
                        () -> new IdempotentWrites.Result(
                                200, null, transition.run(actor, session, poll, idempotencyKey)))
                .map(RecordedResponse::toResponseEntity);
    }

    private static Polls.Draft draft(CreatePollRequest request) {
        List<String> options = request.options().stream().map(String::strip).toList();
        List<Integer> correct = request.correctOptions() == null
                ? null
                : request.correctOptions().stream().sorted().toList();
        return new Polls.Draft(
                request.question().strip(),
                options,
                request.multiple(),
                Boolean.TRUE.equals(request.allowChange()),
                Boolean.TRUE.equals(request.showLiveResults()),
                correct);
    }
}
