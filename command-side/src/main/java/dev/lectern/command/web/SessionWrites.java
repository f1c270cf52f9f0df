package dev.lectern.command.web;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.session.SessionId;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The shape every write on a class takes: the tenant-wide capability, a required Idempotency-Key, the
 * class id from the path, then the action inside {@link IdempotentWrites} (one transaction, answered the
 * same on a retry). Endpoints say only what differs: capability, method, sub-path, body, action.
 */
@Component
public class SessionWrites {

    /** What the endpoint does with the class id and the key, inside the transaction. */
    @FunctionalInterface
    public interface Action {
        IdempotentWrites.Result run(SessionId session, IdempotencyKey key) throws Exception;
    }

    private final IdempotentWrites writes;

    SessionWrites(IdempotentWrites writes) {
        this.writes = writes;
    }

    /** {@code subPath} follows {@code /sessions/<id>} (e.g. {@code /chat}); it is part of the request's fingerprint. */
    public Mono<ResponseEntity<byte[]>> run(Actor actor, String key, Capability capability, String method, String sessionId,
                                            String subPath, Object request, Action action) {
        AccessDeniedException.require(actor, capability);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        return writes.execute(actor, idempotencyKey, method, "/sessions/" + session + subPath, request,
                             () -> action.run(session, idempotencyKey))
                     .map(RecordedResponse::toResponseEntity);
    }
}
