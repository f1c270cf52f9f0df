package dev.lectern.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.Cause;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one way every write endpoint runs: in a single database transaction it claims the
 * (tenant, principal, Idempotency-Key) row, runs the action (Axon's unit of work joins this transaction, so
 * the events it appends commit or roll back together with the key) and records the response.
 *
 * <p>A retry with the same key and request gets the recorded response and appends nothing. The same
 * key with another request gets 422. Two concurrent attempts with one key serialise on the key's
 * primary key: the second waits for the first to commit, then replays its response. A failed
 * attempt rolls back its key with everything else, so the retry is evaluated afresh.
 *
 * <p>Actions run on a bounded elastic worker: the command bus and JDBC block.
 */
@Component
public class IdempotentWrites {

    /** The action behind an endpoint. It runs inside the transaction and returns what to send back. */
    @FunctionalInterface
    public interface Action {
        Result run() throws Exception;
    }

    /** What an action produced: HTTP status, optional Location, and a body to be written as JSON. */
    public record Result(int status, String location, Object body) {}

    private static final String CLAIM = """
            INSERT INTO idempotency_keys (tenant_id, principal, idempotency_key, request_fingerprint, method, path, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, principal, idempotency_key) DO NOTHING""";
    private static final String RECORD = """
            UPDATE idempotency_keys SET status = ?, location = ?, content_type = ?, body = ?
            WHERE tenant_id = ? AND principal = ? AND idempotency_key = ?""";
    private static final String FIND = """
            SELECT request_fingerprint, status, location, content_type, body FROM idempotency_keys
            WHERE tenant_id = ? AND principal = ? AND idempotency_key = ?""";

    private static final ContextSnapshotFactory CONTEXT_SNAPSHOTS =
            ContextSnapshotFactory.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;
    private final Scheduler scheduler = Schedulers.boundedElastic();

    IdempotentWrites(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code action} at most once for (the actor's tenant and subject, {@code key}).
     *
     * @param request the validated request body (or null); part of the fingerprint with method and path
     */
    public Mono<RecordedResponse> execute(
            Actor actor, IdempotencyKey key, String method, String path, Object request, Action action) {
        // The worker thread gets the request's thread-locals (request id in the MDC) from the Reactor context.
        return Mono.deferContextual(context -> Mono.fromCallable(() -> {
                    try (ContextSnapshot.Scope ignored = CONTEXT_SNAPSHOTS.setThreadLocalsFrom(context);
                            MDC.MDCCloseable actorInLogs = MDC.putCloseable(Cause.ACTOR, actor.subject())) {
                        // The actor goes into the logs and, through CommandDispatcher, into every event's metadata.
                        return executeBlocking(actor, key.require(), method, path, request, action);
                    }
                }))
                .subscribeOn(scheduler);
    }

    /**
     * Another node may hold a stale copy of the aggregate in its cache (or two writers raced): the
     * event store's unique key refuses the second append, the transaction rolls back, the stale copy is
     * evicted. The whole request is then run again, in a new transaction, from the stored events; the
     * client only sees a conflict if it persists.
     */
    private static final int ATTEMPTS = 3;

    private RecordedResponse executeBlocking(
            Actor actor, IdempotencyKey key, String method, String path, Object request, Action action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return executeOnce(actor, key, method, path, request, action);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConcurrencyConflict(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(
                            java.util.concurrent.ThreadLocalRandom.current().nextInt(2, 15) * (long) attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean isConcurrencyConflict(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof org.axonframework.modelling.command.ConcurrencyException
                    && !(t instanceof org.axonframework.modelling.command.AggregateStreamCreationException)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private RecordedResponse executeOnce(
            Actor actor, IdempotencyKey key, String method, String path, Object request, Action action) {
        String tenant = actor.tenantId().value();
        String principal = actor.subject();
        String fingerprint = fingerprint(method, path, request);
        return transaction.execute(status -> {
            int claimed = jdbc.update(
                    CLAIM,
                    tenant,
                    principal,
                    key.value(),
                    fingerprint,
                    method,
                    path,
                    java.sql.Timestamp.from(clock.instant()));
            if (claimed == 0) {
                return replay(tenant, principal, key, fingerprint);
            }
            Result result = runAction(action);
            byte[] body = serialize(result.body());
            String contentType = MediaType.APPLICATION_JSON_VALUE;
            jdbc.update(RECORD, result.status(), result.location(), contentType, body, tenant, principal, key.value());
            return new RecordedResponse(result.status(), result.location(), contentType, body, false);
        });
    }

    private RecordedResponse replay(String tenant, String principal, IdempotencyKey key, String fingerprint) {
        List<RecordedResponse> rows = jdbc.query(
                FIND,
                (rs, i) -> {
                    if (!fingerprint.equals(rs.getString("request_fingerprint"))) {
                        throw new RequestRejectedException(
                                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was already used for a different request; use a new key for a new request");
                    }
                    return new RecordedResponse(
                            rs.getInt("status"),
                            rs.getString("location"),
                            rs.getString("content_type"),
                            rs.getBytes("body"),
                            true);
                },
                tenant,
                principal,
                key.value());
        if (rows.isEmpty()) {
            // The row we collided with was committed and removed in between (retention sweep): try again.
            throw new RequestRejectedException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "The Idempotency-Key changed state while this request ran; retry it");
        }
        return rows.get(0);
    }

    private static Result runAction(Action action) {
        try {
            return action.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ActionFailedException(e);
        }
    }

    private byte[] serialize(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body is not serialisable", e);
        }
    }

    private String fingerprint(String method, String path, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(method.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            // The validated request, re-serialised: whitespace and key order do not change the fingerprint.
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint request", e);
        }
    }

    /** Carries a checked exception of an action out of the transaction callback (which rolls back). */
    public static final class ActionFailedException extends RuntimeException {
        ActionFailedException(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
