package dev.lectern.query.audit;

import dev.lectern.events.identity.TenantId;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Reads the tenant's {@code audit_log} (R2DBC), oldest first, paged by audit id. */
@Repository
class AuditLogRepository {

    private final DatabaseClient db;

    AuditLogRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<AuditEntryView> page(TenantId tenant, long afterId, int limit) {
        return db.sql("""
                        SELECT audit_id, occurred_at, actor_subject, actor_display_name, actor_user_id, action, outcome, subject_type,
                               subject_id, reason, request_id
                        FROM audit_log WHERE tenant_id = :tenant AND audit_id > :after ORDER BY audit_id LIMIT :limit""")
                .bind("tenant", tenant.value())
                .bind("after", afterId)
                .bind("limit", limit)
                .map((row, meta) -> toView(row))
                .all();
    }

    private static AuditEntryView toView(Row row) {
        return new AuditEntryView(
                row.get("audit_id", Long.class),
                row.get("occurred_at", OffsetDateTime.class).toInstant(),
                row.get("actor_subject", String.class),
                row.get("actor_display_name", String.class),
                row.get("actor_user_id", UUID.class),
                row.get("action", String.class),
                row.get("outcome", String.class),
                row.get("subject_type", String.class),
                row.get("subject_id", String.class),
                row.get("reason", String.class),
                row.get("request_id", String.class));
    }

    record AuditEntryView(
            long auditId,
            Instant occurredAt,
            String actorSubject,
            String actorDisplayName,
            UUID actorUserId,
            String action,
            String outcome,
            String subjectType,
            String subjectId,
            String reason,
            String requestId) {}
}
