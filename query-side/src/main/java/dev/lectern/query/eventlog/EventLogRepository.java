package dev.lectern.query.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.query.EventLogEntryView;
import dev.lectern.events.session.SessionId;
import io.r2dbc.spi.Row;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;

/**
 * Reads a session's rows of {@code session_state_events} in log order (global position), through
 * the (tenant_id, session_id, global_index) index. Payloads are returned as stored: this is the
 * audit view of the log, not an upcast projection.
 */
@Repository
class EventLogRepository {

    private final DatabaseClient db;
    private final ObjectMapper json;

    EventLogRepository(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<EventLogEntryView> page(TenantId tenant, SessionId session, long afterPosition, int limit) {
        return db.sql("""
                        SELECT global_index, event_name, type, aggregate_identifier, sequence_number, occurred_at,
                               payload_revision, payload, meta_data
                        FROM session_state_events
                        WHERE tenant_id = :tenant AND session_id = :session AND global_index > :after
                        ORDER BY global_index
                        LIMIT :limit""")
                 .bind("tenant", tenant.value())
                 .bind("session", session.value())
                 .bind("after", afterPosition)
                 .bind("limit", limit)
                 .map((row, meta) -> toView(row))
                 .all();
    }

    Mono<Boolean> exists(TenantId tenant, SessionId session) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM session_state_events WHERE tenant_id = :tenant AND session_id = :session) AS found")
                 .bind("tenant", tenant.value())
                 .bind("session", session.value())
                 .map((row, meta) -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
                 .one();
    }

    private EventLogEntryView toView(Row row) {
        return new EventLogEntryView(
                row.get("global_index", Long.class),
                row.get("event_name", String.class),
                row.get("type", String.class),
                row.get("aggregate_identifier", String.class),
                row.get("sequence_number", Long.class),
                row.get("occurred_at", OffsetDateTime.class).toInstant(),
                row.get("payload_revision", String.class),
                readJson(row.get("payload", ByteBuffer.class)),
                readJson(row.get("meta_data", ByteBuffer.class)));
    }

    private JsonNode readJson(ByteBuffer bytes) {
        if (bytes == null) {
            return NullNode.getInstance();
        }
        byte[] data = new byte[bytes.remaining()];
        bytes.get(data);
        try {
            return json.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event is not JSON", e);
        }
    }
}
