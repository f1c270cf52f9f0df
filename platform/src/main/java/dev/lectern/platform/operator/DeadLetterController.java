package dev.lectern.platform.operator;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.events.EventCatalogue;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.platform.processing.ClassSequencingPolicy;
import dev.lectern.platform.processing.DeadLetterGroups;
import dev.lectern.platform.processing.EventProcessingMonitor;
import dev.lectern.platform.processing.RetryWithBackoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operators' view of parked class sequences (Axon's dead-letter queue of each processing group), next to
 * the projection status and rebuilds; platform operators only. docs/runbooks/dead-letters.md.
 *
 * <ul>
 *   <li>{@code GET /operator/dead-letters}: every group with a queue, its parked sequences (a sequence is one
 *       class, {@code <tenant>:<session>}) with the first parked event, the cause and the attempts so far.</li>
 *   <li>{@code GET /operator/dead-letters/{group}}: one group.</li>
 *   <li>{@code POST /operator/dead-letters/{group}/{sequence}/retry}: process the sequence now (after a fix);
 *       200 with {@code outcome} {@code processed} (the class caught up and left the queue) or
 *       {@code still-parked} (it failed again; the new cause is in the body).</li>
 *   <li>{@code DELETE /operator/dead-letters/{group}/{sequence}}: drop the sequence's parked events for this
 *       group (the class's view skips them; a rebuild would park them again); 200 with how many.</li>
 * </ul>
 * Writes need an Idempotency-Key (a retry of the request replays the recorded answer); an unknown group or
 * sequence is 404.
 */
@RestController
class DeadLetterController {

    /** Sequences listed per group; the counts are always complete. */
    private static final int LISTED = 200;

    private final Operators operators;
    private final DeadLetterGroups groups;
    private final EventProcessingConfiguration processing;
    private final EventProcessingMonitor monitor;
    private final RetryWithBackoff policy;
    private final IdempotentWrites writes;

    DeadLetterController(
            Operators operators,
            DeadLetterGroups groups,
            EventProcessingConfiguration processing,
            EventProcessingMonitor monitor,
            RetryWithBackoff policy,
            IdempotentWrites writes) {
        this.operators = operators;
        this.groups = groups;
        this.processing = processing;
        this.monitor = monitor;
        this.policy = policy;
        this.writes = writes;
    }

    /** One parked event. */
    record Letter(Long position, String eventId, String eventName, Instant occurredAt) {}

    /** One parked class sequence: its first event, why it failed, how often it was tried, when next. */
    record Sequence(
            String sequenceId,
            String tenantId,
            String sessionId,
            long letters,
            Letter first,
            String causeType,
            String causeMessage,
            int attempts,
            Instant enqueuedAt,
            Instant lastTouched,
            Instant nextRetryAt) {}

    record Group(String group, long parkedSequences, long parkedLetters, List<Sequence> sequences) {}

    record Outcome(String group, String sequenceId, String outcome, long remainingLetters, Sequence sequence) {}

    @GetMapping(path = "/operator/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Group>> list(Actor actor) {
        operators.require(actor);
        return Mono.fromCallable(() -> groups.names().stream().map(this::group).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/operator/dead-letters/{group}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Group> one(Actor actor, @PathVariable String group) {
        operators.require(actor);
        return Mono.fromCallable(() -> group(known(group))).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping(path = "/operator/dead-letters/{group}/{sequence}/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> retry(
            Actor actor,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            @PathVariable String group,
            @PathVariable String sequence) {
        operators.require(actor);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        known(group);
        String path = "/operator/dead-letters/" + group + "/" + sequence + "/retry";
        return writes.execute(actor, idempotencyKey, "POST", path, null, () -> {
                    SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
                    parked(queue, group, sequence);
                    SequencedDeadLetterProcessor<EventMessage<?>> processor =
                            processing.sequencedDeadLetterProcessor(group).orElseThrow();
                    // Axon processes the letters in their own units of work and transactions, not this request's.
                    outside(
                            () -> processor.process(letter -> sequence.equals(sequenceId(letter))),
                            "Retry of " + sequence);
                    monitor.refresh();
                    long remaining = queue.sequenceSize(sequence);
                    return new IdempotentWrites.Result(
                            200,
                            null,
                            new Outcome(
                                    group,
                                    sequence,
                                    remaining == 0 ? "processed" : "still-parked",
                                    remaining,
                                    remaining == 0 ? null : describe(queue, sequence)));
                })
                .map(RecordedResponse::toResponseEntity);
    }

    @DeleteMapping(path = "/operator/dead-letters/{group}/{sequence}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> evict(
            Actor actor,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            @PathVariable String group,
            @PathVariable String sequence) {
        operators.require(actor);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        known(group);
        String path = "/operator/dead-letters/" + group + "/" + sequence;
        return writes.execute(actor, idempotencyKey, "DELETE", path, null, () -> {
                    SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
                    parked(queue, group, sequence);
                    long evicted = outside(
                            () -> {
                                long count = 0;
                                List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
                                queue.deadLetterSequence(sequence).forEach(letters::add);
                                for (DeadLetter<? extends EventMessage<?>> letter : letters) {
                                    queue.evict(letter);
                                    count++;
                                }
                                return count;
                            },
                            "Eviction of " + sequence);
                    monitor.refresh();
                    return new IdempotentWrites.Result(
                            200, null, new Outcome(group, sequence, "evicted", evicted, null));
                })
                .map(RecordedResponse::toResponseEntity);
    }

    private static <T> T outside(java.util.function.Supplier<T> work, String what) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(work);
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RequestRejectedException(
                    ErrorCode.DEPENDENCY_UNAVAILABLE,
                    what + " failed: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            throw new RequestRejectedException(ErrorCode.DEPENDENCY_UNAVAILABLE, what + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestRejectedException(ErrorCode.DEPENDENCY_UNAVAILABLE, what + " was interrupted");
        }
    }

    private Group group(String name) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        List<Sequence> sequences = new ArrayList<>();
        Iterator<Iterable<DeadLetter<? extends EventMessage<?>>>> all =
                queue.deadLetters().iterator();
        while (all.hasNext() && sequences.size() < LISTED) {
            Iterator<DeadLetter<? extends EventMessage<?>>> letters = all.next().iterator();
            if (letters.hasNext()) {
                DeadLetter<? extends EventMessage<?>> first = letters.next();
                String id = sequenceId(first);
                sequences.add(sequence(id, queue.sequenceSize(id), first));
            }
        }
        return new Group(name, queue.amountOfSequences(), queue.size(), sequences);
    }

    private Sequence describe(SequencedDeadLetterQueue<EventMessage<?>> queue, String sequence) {
        Iterator<DeadLetter<? extends EventMessage<?>>> letters =
                queue.deadLetterSequence(sequence).iterator();
        return letters.hasNext() ? sequence(sequence, queue.sequenceSize(sequence), letters.next()) : null;
    }

    private Sequence sequence(String id, long size, DeadLetter<? extends EventMessage<?>> first) {
        EventMessage<?> message = first.message();
        Long position = message instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().stream()
                        .boxed()
                        .findFirst()
                        .orElse(null)
                : null;
        String name = EventCatalogue.nameOf(message.getPayloadType())
                .orElse(message.getPayloadType().getName());
        String[] parts = id.split(ClassSequencingPolicy.SEPARATOR, 2);
        Cause cause = first.cause().orElse(null);
        return new Sequence(
                id,
                parts.length == 2 ? parts[0] : null,
                parts.length == 2 ? parts[1] : null,
                size,
                new Letter(position, message.getIdentifier(), name, message.getTimestamp()),
                RetryWithBackoff.causeType(first),
                cause == null ? null : cause.message(),
                RetryWithBackoff.attempts(first),
                first.enqueuedAt(),
                first.lastTouched(),
                policy.dueAt(first));
    }

    private static String sequenceId(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : null;
    }

    private String known(String group) {
        if (!groups.names().contains(group)) {
            throw new RequestRejectedException(
                    ErrorCode.NOT_FOUND, "No processing group " + group + " with a dead-letter queue");
        }
        return group;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return groups.queue(known(group)).orElseThrow();
    }

    private static void parked(SequencedDeadLetterQueue<EventMessage<?>> queue, String group, String sequence) {
        if (!queue.contains(sequence)) {
            throw new RequestRejectedException(ErrorCode.NOT_FOUND, "No parked sequence " + sequence + " in " + group);
        }
    }
}
