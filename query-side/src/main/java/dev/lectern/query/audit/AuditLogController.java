package dev.lectern.query.audit;

import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.query.web.Paging;
import io.r2dbc.spi.Row;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /audit?after=<id>&limit=<n>}: the tenant's audit log (role grants and revocations,
 * permission changes, denied privileged attempts), oldest first, for auditors only.
 */
@RestController
class AuditLogController {

    private final DatabaseClient db;

    AuditLogController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping(path = "/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AuditPage> audit(Actor actor, @RequestParam(name = "after", required = false) String after,
                          @RequestParam(name = "limit", required = false) String limit) {
        AccessDeniedException.require(actor, Capability.READ_AUDIT_LOG);
        long afterId = Paging.after(after);
        int pageSize = Paging.limit(limit);
        return db.sql("""
                        SELECT audit_id, occurred_at, actor_subject, actor_user_id, action, outcome, subject_type,
                               subject_id, reason, request_id
                        FROM audit_log WHERE tenant_id = :tenant AND audit_id > :after ORDER BY audit_id LIMIT :limit""")
                 .bind("tenant", actor.tenantId().value())
                 .bind("after", afterId)
                 .bind("limit", pageSize)
                 .map((row, meta) -> toView(row))
                 .all()
                 .collectList()
                 .map(entries -> new AuditPage(entries, entries.size() == pageSize
                         ? "/audit?after=" + entries.get(entries.size() - 1).auditId() + "&limit=" + pageSize : null));
    }

    private static AuditEntryView toView(Row row) {
        return new AuditEntryView(row.get("audit_id", Long.class), row.get("occurred_at", OffsetDateTime.class).toInstant(),
                row.get("actor_subject", String.class), row.get("actor_user_id", UUID.class),
                row.get("action", String.class), row.get("outcome", String.class), row.get("subject_type", String.class),
                row.get("subject_id", String.class), row.get("reason", String.class), row.get("request_id", String.class));
    }

    record AuditEntryView(long auditId, Instant occurredAt, String actorSubject, UUID actorUserId, String action,
                          String outcome, String subjectType, String subjectId, String reason, String requestId) {
    }

    record AuditPage(List<AuditEntryView> entries, String next) {
    }
}
