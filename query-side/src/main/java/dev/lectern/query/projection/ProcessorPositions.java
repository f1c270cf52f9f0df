package dev.lectern.query.projection;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where a processing group is, read from its committed tokens ({@code token_entry}, through R2DBC), so that
 * a read endpoint can wait until its read model includes a position: the token commits in the same
 * transaction as the rows it covers, so a token at or past a position means the rows are too. Read from
 * the table, not from the processor, because another node may hold the group's segments
 * (docs/adr/0023-query-side-read-models-for-studio.md).
 */
@Component
public class ProcessorPositions {

    /** How long a read waits for its read model before it answers with what the model has. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private static final Duration FIRST_POLL = Duration.ofMillis(10);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);

    private final DatabaseClient db;
    private final Serializer serializer;

    ProcessorPositions(DatabaseClient db, Serializer serializer) {
        this.db = db;
        this.serializer = serializer;
    }

    /** The lowest position any of the group's segments has committed (-1 before its first event or without tokens). */
    public Mono<Long> position(String processingGroup) {
        return db.sql("SELECT token, token_type FROM token_entry WHERE processor_name = :group")
                .bind("group", processingGroup)
                .map((row, meta) -> position(
                        serializer,
                        StoredBytes.of(row.get("token", ByteBuffer.class)),
                        row.get("token_type", String.class)))
                .all()
                .reduce(Math::min)
                .defaultIfEmpty(-1L);
    }

    /**
     * Completes once the group has committed {@code position} (at once for a negative one), or after
     * {@link #MAX_WAIT} in any case: a read model that is far behind (a rebuild) answers as it stands
     * rather than not at all. Polls after 10 ms, then twice as long each time up to 200 ms, so that many
     * readers waiting out a rebuild do not crowd the connection pool.
     */
    public Mono<Void> awaitPosition(String processingGroup, long position) {
        if (position < 0) {
            return Mono.empty();
        }
        return Mono.defer(() -> position(processingGroup))
                .filter(reached -> reached >= position)
                .repeatWhenEmpty(attempts -> attempts.concatMap(attempt -> Mono.delay(pause(attempt))))
                .timeout(MAX_WAIT, Mono.just(-1L))
                .then();
    }

    /** The pause before poll {@code attempt + 1}: 10, 20, 40, 80, 160, then 200 ms. */
    static Duration pause(long attempt) {
        Duration pause = FIRST_POLL.multipliedBy(1L << Math.min(attempt, 5));
        return pause.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause;
    }

    /** A stored token's position: -1 for no token (a fresh replay is at the start of the log: Axon says 0). */
    static long position(Serializer serializer, byte[] token, String type) {
        if (token == null || type == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null ? -1 : tracking.position().orElse(-1);
    }
}
