package dev.lectern.platform.security;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.Writes;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.TokenLifetime;
import dev.lectern.events.session.SessionId;
import dev.lectern.query.access.ClassAccess;
import dev.lectern.query.web.PathIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Issues stream tickets: short-lived credentials for one class's stream, for browsers whose native
 * EventSource cannot send an Authorization header (docs/adr/0024-browser-access.md). A ticket is 256
 * random bits, URL-safe; only its SHA-256 is stored, with the tenant, subject and class it stands for.
 *
 * <p>Issuing is a write like any other ({@link Writes}): the capability, the Idempotency-Key, the class id,
 * then the same class access check the stream makes ({@link ClassAccess}, so the same 403/404), then one
 * transaction that stores the ticket's hash and records the answer. A retry with the key gets the same
 * ticket (from the idempotency record, which therefore holds it until the ticket's row is swept).
 */
@Component
@EnableConfigurationProperties(StreamTicketProperties.class)
class StreamTickets {

    /** 32 bytes, Base64url without padding. */
    static final Pattern GRAMMAR = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private static final String INSERT = """
            INSERT INTO stream_tickets (ticket_hash, tenant_id, subject, session_id, idempotency_key, issued_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    /**
     * Expired tickets go, with the idempotency records that answered their issue (the only other place a ticket's
     * text is kept). Bounded per call and skipping rows another issuer is already removing.
     */
    private static final String SWEEP = """
            WITH expired AS (
                SELECT ticket_hash FROM stream_tickets WHERE expires_at <= ?
                ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED),
            gone AS (
                DELETE FROM stream_tickets t USING expired e WHERE t.ticket_hash = e.ticket_hash
                RETURNING t.tenant_id, t.subject, t.idempotency_key)
            DELETE FROM idempotency_keys k USING gone g
            WHERE k.tenant_id = g.tenant_id AND k.principal = g.subject AND k.idempotency_key = g.idempotency_key
              AND k.method = 'POST' AND k.path LIKE '/sessions/%/stream-tickets'""";

    private final Writes writes;
    private final ClassAccess access;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    StreamTickets(
            Writes writes, ClassAccess access, JdbcTemplate jdbc, Clock clock, StreamTicketProperties properties) {
        this.writes = writes;
        this.access = access;
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = properties.ttl();
    }

    /** What the client gets: the ticket, when it expires, and the stream URL that carries it. */
    record IssuedTicket(String ticket, Instant expiresAt, String streamUrl) {}

    Mono<ResponseEntity<byte[]>> issue(Actor actor, TokenLifetime token, String sessionId, IdempotencyKey key) {
        Writes.Write write = writes.authorize(actor, Capability.VIEW_SESSION, key);
        SessionId session = PathIds.session(sessionId);
        String path = "/sessions/" + session.value() + "/stream-tickets";
        return access.check(actor, session)
                .flatMap(granted -> write.run("POST", path, null, () -> {
                    Instant now = clock.instant();
                    Instant expiresAt = expiry(now, ttl, token.expiresAt());
                    String ticket = newTicket();
                    jdbc.update(SWEEP, Timestamp.from(now));
                    jdbc.update(
                            INSERT,
                            hash(ticket),
                            actor.tenantId().value(),
                            actor.subject(),
                            session.value(),
                            write.key().value(),
                            Timestamp.from(now),
                            Timestamp.from(expiresAt));
                    return new IdempotentWrites.Result(
                            HttpStatus.CREATED.value(),
                            null,
                            new IssuedTicket(
                                    ticket, expiresAt, "/sessions/" + session.value() + "/stream?ticket=" + ticket));
                }));
    }

    /**
     * Now plus the ticket lifetime, never past the bearer token's expiry, to the millisecond (as stored). A token
     * at or past its expiry (accepted within the validator's clock skew) gets no ticket.
     */
    static Instant expiry(Instant now, Duration ttl, Instant tokenExpiresAt) {
        Instant wanted = now.plus(ttl);
        Instant expiresAt = (wanted.isAfter(tokenExpiresAt) ? tokenExpiresAt : wanted).truncatedTo(ChronoUnit.MILLIS);
        if (!expiresAt.isAfter(now)) {
            throw new RequestRejectedException(
                    ErrorCode.UNAUTHENTICATED,
                    "Your bearer token has expired: get a new one, then ask for a stream ticket again");
        }
        return expiresAt;
    }

    private String newTicket() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a ticket's text: what is stored and looked up, never the ticket. */
    static byte[] hash(String ticket) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
