package dev.lectern.query.livestate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Reads {@code live_state} (R2DBC), and answers the class state at a past moment by folding the log
 * with the same {@link ClassStateReducer} the projection uses.
 */
@Repository
public class LiveStateStore {

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final SessionLog log;

    LiveStateStore(DatabaseClient db, ObjectMapper json, SessionLog log) {
        this.db = db;
        this.json = json;
        this.log = log;
    }

    /**
     * The live state as the projection has it; for a class the projection has not reached yet (its first
     * milliseconds), the same fold over its committed events. Empty if the class does not exist.
     */
    public Mono<ClassState> current(String tenantId, UUID sessionId) {
        return db.sql("SELECT state::text AS state FROM live_state WHERE tenant_id = :tenant AND session_id = :session")
                .bind("tenant", tenantId)
                .bind("session", sessionId)
                .map((row, meta) -> parse(row.get("state", String.class)))
                .one()
                .switchIfEmpty(Mono.defer(() -> log.read(tenantId, sessionId, -1, Long.MAX_VALUE)
                        .reduce(new ClassState(), (state, entry) -> {
                            ClassStateReducer.apply(state, entry.event(), entry.position(), entry.occurredAt());
                            return state;
                        })
                        .filter(state -> state.sessionId != null)));
    }

    /** The highest position of the class the projection has folded in (-1 if none). */
    public Mono<Long> position(String tenantId, UUID sessionId) {
        return db.sql("SELECT last_event_position FROM live_state WHERE tenant_id = :tenant AND session_id = :session")
                .bind("tenant", tenantId)
                .bind("session", sessionId)
                .map((row, meta) -> row.get("last_event_position", Long.class))
                .one()
                .defaultIfEmpty(-1L);
    }

    /**
     * The class as it was at {@code at}: its events up to that moment (and no further than the live
     * projection has reached) folded from an empty state.
     */
    public Mono<ClassState> at(String tenantId, UUID sessionId, Instant at) {
        return position(tenantId, sessionId)
                .flatMap(upTo -> log.readUntil(tenantId, sessionId, at, upTo)
                        .reduce(new ClassState(), (state, entry) -> {
                            ClassStateReducer.apply(state, entry.event(), entry.position(), entry.occurredAt());
                            return state;
                        }));
    }

    private ClassState parse(String text) {
        try {
            return json.readValue(text, ClassState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("live_state row is not a ClassState", e);
        }
    }
}
