package dev.lectern.command.web;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.session.SessionId;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every write on a class ({@code /sessions/<id>/...}): the {@link Writes} path with the class id from the
 * path parsed after the key (docs/adr/0020-thin-controllers-one-write-path.md). Endpoints say only what
 * differs: capability, method, sub-path, body, action.
 */
@Component
public class SessionWrites {

    /** What the endpoint does with the class id and the key, inside the transaction. */
    @FunctionalInterface
    public interface Action {
        IdempotentWrites.Result run(SessionId session, IdempotencyKey key) throws Exception;
    }

    private final Writes writes;

    SessionWrites(Writes writes) {
        this.writes = writes;
    }

    /** {@code subPath} follows {@code /sessions/<id>} (e.g. {@code /chat}); it is part of the request's fingerprint. */
    public Mono<ResponseEntity<byte[]>> run(
            Actor actor,
            IdempotencyKey key,
            Capability capability,
            String method,
            String sessionId,
            String subPath,
            Object request,
            Action action) {
        ClassWrite write = authorize(actor, capability, key, sessionId);
        return write.run(method, subPath, request, () -> action.run(write.session(), write.key()));
    }

    /** The capability, the key, then the class id: for an endpoint that parses more of its request after these. */
    public ClassWrite authorize(Actor actor, Capability capability, IdempotencyKey key, String sessionId) {
        Writes.Write write = writes.authorize(actor, capability, key);
        return new ClassWrite(write, SessionPaths.parse(sessionId));
    }

    /** A checked actor, key and class id; {@link #run} runs the action once per key. */
    public static final class ClassWrite {

        private final Writes.Write write;
        private final SessionId session;

        private ClassWrite(Writes.Write write, SessionId session) {
            this.write = write;
            this.session = session;
        }

        public SessionId session() {
            return session;
        }

        public IdempotencyKey key() {
            return write.key();
        }

        public Mono<ResponseEntity<byte[]>> run(
                String method, String subPath, Object request, IdempotentWrites.Action action) {
            return write.run(method, "/sessions/" + session + subPath, request, action);
        }
    }
}
