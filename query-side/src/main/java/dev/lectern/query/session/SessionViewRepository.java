package dev.lectern.query.session;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.query.SessionView;
import dev.lectern.events.session.SessionId;
import io.r2dbc.spi.Row;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads the {@code sessions} read model through R2DBC; always scoped by tenant. */
@Repository
class SessionViewRepository {

    private final DatabaseClient db;

    SessionViewRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<SessionView> find(TenantId tenant, SessionId session) {
        return db.sql("""
                        SELECT session_id, tenant_id, title, status, starts_at, duration_minutes, recording_enabled,
                               scheduled_at, last_event_position
                        FROM sessions WHERE tenant_id = :tenant AND session_id = :session""")
                 .bind("tenant", tenant.value())
                 .bind("session", session.value())
                 .map((row, meta) -> toView(row))
                 .one();
    }

    private static SessionView toView(Row row) {
        return new SessionView(
                row.get("session_id", UUID.class),
                row.get("tenant_id", String.class),
                row.get("title", String.class),
                row.get("status", String.class),
                row.get("starts_at", OffsetDateTime.class).toInstant(),
                row.get("duration_minutes", Integer.class),
                row.get("recording_enabled", Boolean.class),
                row.get("scheduled_at", OffsetDateTime.class).toInstant(),
                row.get("last_event_position", Long.class));
    }
}
