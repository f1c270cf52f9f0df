package dev.lectern.query.eventlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.query.EventLogEntryView;
import dev.lectern.events.session.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a session's rows of {@code session_state_events} in log order (global position), through
 * the (tenant_id, session_id, global_index) index. Payloads are returned as stored: this is the
 * audit view of the log, not an upcast projection (the controller cuts it down per audience). Also the
 * tenant-wide search auditors run ({@code GET /audit/events}).
 */
@Repository
public class EventLogRepository {

    private final DatabaseClient db;
    private final ObjectMapper json;

    EventLogRepository(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<EventLogEntryView> page(TenantId tenant, SessionId session, long afterPosition, int limit) {
        return db.sql("SELECT " + EventRows.COLUMNS + " " + """
                        FROM session_state_events
                        WHERE tenant_id = :tenant AND session_id = :session AND global_index > :after
                        ORDER BY global_index
                        LIMIT :limit""")
                .bind("tenant", tenant.value())
                .bind("session", session.value())
                .bind("after", afterPosition)
                .bind("limit", limit)
                .map((row, meta) -> EventRows.toView(row, json))
                .all();
    }

    /**
     * What auditors look for in their school's log: each criterion that is not null narrows the search
     * ({@code from} inclusive, {@code to} exclusive; {@code actor} is the subject in the event's metadata).
     */
    public record EventSearch(SessionId session, String name, String actor, Instant from, Instant to) {}

    /** The tenant's events that match, after {@code afterPosition} in log order, at most {@code limit}. */
    public Flux<EventLogEntryView> search(TenantId tenant, EventSearch search, long afterPosition, int limit) {
        Map<String, Object> binds = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("tenant_id = :tenant AND global_index > :after");
        binds.put("tenant", tenant.value());
        binds.put("after", afterPosition);
        if (search.session() != null) {
            where.append(" AND session_id = :session");
            binds.put("session", search.session().value());
        }
        if (search.name() != null) {
            where.append(" AND event_name = :name");
            binds.put("name", search.name());
        }
        if (search.actor() != null) {
            where.append(" AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' = :actor");
            binds.put("actor", search.actor());
        }
        if (search.from() != null) {
            where.append(" AND occurred_at >= :from");
            binds.put("from", search.from().atOffset(ZoneOffset.UTC));
        }
        if (search.to() != null) {
            where.append(" AND occurred_at < :to");
            binds.put("to", search.to().atOffset(ZoneOffset.UTC));
        }
        binds.put("limit", limit);
        DatabaseClient.GenericExecuteSpec query = db.sql("SELECT " + EventRows.COLUMNS
                + " FROM session_state_events WHERE " + where + " ORDER BY global_index LIMIT :limit");
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            query = query.bind(bind.getKey(), bind.getValue());
        }
        return query.map((row, meta) -> EventRows.toView(row, json)).all();
    }

    /** The ids of the session's deleted chat messages (from its {@code chat.deleted} entries). */
    Mono<Set<String>> deletedMessages(TenantId tenant, SessionId session) {
        return db.sql("SELECT payload FROM session_state_events "
                        + "WHERE tenant_id = :tenant AND session_id = :session AND event_name = 'chat.deleted'")
                .bind("tenant", tenant.value())
                .bind("session", session.value())
                .map((row, meta) -> messageId(row.get("payload", ByteBuffer.class)))
                .all()
                .collect(Collectors.toUnmodifiableSet());
    }

    private String messageId(ByteBuffer payload) {
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        try {
            return json.readTree(data).path("messageId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("stored event is not JSON", e);
        }
    }

    Mono<Boolean> exists(TenantId tenant, SessionId session) {
        return db.sql(
                        "SELECT EXISTS (SELECT 1 FROM session_state_events WHERE tenant_id = :tenant AND session_id = :session) AS found")
                .bind("tenant", tenant.value())
                .bind("session", session.value())
                .map((row, meta) -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
                .one();
    }
}
