package dev.lectern.command.web;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one write path (docs/adr/0020-thin-controllers-one-write-path.md), in the order every write has always
 * checked things: the tenant-wide capability (403), then the Idempotency-Key (400), then what the endpoint parses
 * from its path, then the action inside {@link IdempotentWrites} (one transaction, answered the same on a retry).
 * Writes on a class go through {@link SessionWrites}, which adds the class id to this.
 */
@Component
public class Writes {

    private final IdempotentWrites writes;

    Writes(IdempotentWrites writes) {
        this.writes = writes;
    }

    /** The capability, then the key: a write the actor may attempt, not yet run. */
    public Write authorize(Actor actor, Capability capability, IdempotencyKey key) {
        AccessDeniedException.require(actor, capability);
        return keyed(actor, key);
    }

    /** Only the key: for writes whose permission is decided per class before the transaction (decks, slides). */
    public Write keyed(Actor actor, IdempotencyKey key) {
        return new Write(actor, key.require());
    }

    /** A checked actor and key; {@link #run} runs the action once per key. */
    public final class Write {

        private final Actor actor;
        private final IdempotencyKey key;

        private Write(Actor actor, IdempotencyKey key) {
            this.actor = actor;
            this.key = key;
        }

        public Actor actor() {
            return actor;
        }

        /** The checked key, for the commands the action sends ({@link CommandDispatcher#send}). */
        public IdempotencyKey key() {
            return key;
        }

        /** {@code method} and {@code path} (with the parsed ids) and {@code request} make up the request's fingerprint. */
        public Mono<ResponseEntity<byte[]>> run(
                String method, String path, Object request, IdempotentWrites.Action action) {
            return record(method, path, request, action).map(RecordedResponse::toResponseEntity);
        }

        /** As {@link #run}, for an endpoint that must react to the outcome before it is mapped (a refused deck upload). */
        public Mono<RecordedResponse> record(
                String method, String path, Object request, IdempotentWrites.Action action) {
            return writes.execute(actor, key, method, path, request, action);
        }
    }
}
