package dev.lectern.platform.operator;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.platform.processing.EventProcessingMonitor;
import dev.lectern.query.replay.ProjectionRebuilds;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operators' view of the read models, and replay rebuilds:
 * {@code GET /operator/projections} (each processing group's position against the head of the log) and
 * {@code POST /operator/projections/{group}/rebuild} (Idempotency-Key required): stop the group, reset
 * its token (its {@code @ResetHandler} clears its tables), start it; it replays session_state_events
 * in its own processing group while every other view (and the classes) carry on. Answers 202 with the
 * group's status URL; the rebuild is done when its position reaches the head. The same from a shell:
 * {@code java -jar lectern.jar --lectern.rebuild=<group>} (docs/runbooks/rebuild-read-model.md). The reset
 * also clears the group's dead letters; the replay parks again what still fails, and a parked class does
 * not stop the rebuild of the others (docs/adr/0012-poison-isolation-dead-letters.md).
 */
@RestController
class ProjectionController {

    private final Operators operators;
    private final ProjectionRebuilds rebuilds;
    private final IdempotentWrites writes;
    private final EventProcessingMonitor monitor;

    ProjectionController(
            Operators operators, ProjectionRebuilds rebuilds, IdempotentWrites writes, EventProcessingMonitor monitor) {
        this.operators = operators;
        this.rebuilds = rebuilds;
        this.writes = writes;
        this.monitor = monitor;
    }

    /**
     * A read model's status: where it is against the head of the log, its lag (positions behind the head,
     * and when the event at its position happened) and its parked class sequences (docs/runbooks/dead-letters.md).
     */
    record Status(
            String group,
            long position,
            long head,
            boolean caughtUp,
            boolean replaying,
            boolean running,
            long lag,
            Instant lastEventAt,
            Long parkedSequences,
            Long parkedLetters) {}

    @GetMapping(path = "/operator/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Status>> list(Actor actor) {
        operators.require(actor);
        return Mono.fromCallable(
                        () -> rebuilds.statuses().stream().map(this::withLag).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/operator/projections/{group}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Status> one(Actor actor, @PathVariable String group) {
        operators.require(actor);
        return Mono.fromCallable(() -> withLag(rebuilds.status(group).orElseThrow(() -> unknown(group))))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Status withLag(ProjectionRebuilds.Status status) {
        EventProcessingMonitor.GroupState state = monitor.group(status.group()).orElse(null);
        return new Status(
                status.group(),
                status.position(),
                status.head(),
                status.caughtUp(),
                status.replaying(),
                status.running(),
                Math.max(0, status.head() - status.position()),
                state == null ? null : state.lastEventAt(),
                state == null ? null : state.parkedSequences(),
                state == null ? null : state.parkedLetters());
    }

    @PostMapping(path = "/operator/projections/{group}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> rebuild(
            Actor actor,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            @PathVariable String group) {
        operators.require(actor);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        if (!rebuilds.groups().contains(group)) {
            throw unknown(group);
        }
        String path = "/operator/projections/" + group + "/rebuild";
        return writes.execute(actor, idempotencyKey, "POST", path, null, () -> {
                    // Axon's reset runs in its own transactions (outside this request's), on another thread.
                    CompletableFuture<Boolean> reset = CompletableFuture.supplyAsync(() -> rebuilds.rebuild(group));
                    try {
                        reset.get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        throw new RequestRejectedException(
                                ErrorCode.CONCURRENT_MODIFICATION,
                                "The group " + group + " could not be reset here (is another node processing it?): "
                                        + e.getCause().getMessage());
                    } catch (TimeoutException e) {
                        throw new RequestRejectedException(
                                ErrorCode.DEPENDENCY_UNAVAILABLE, "Reset of " + group + " timed out");
                    }
                    monitor.refresh();
                    return new IdempotentWrites.Result(
                            202,
                            "/operator/projections/" + group,
                            withLag(rebuilds.status(group).orElseThrow()));
                })
                .map(RecordedResponse::toResponseEntity);
    }

    private static RequestRejectedException unknown(String group) {
        return new RequestRejectedException(ErrorCode.NOT_FOUND, "No processing group " + group);
    }
}
