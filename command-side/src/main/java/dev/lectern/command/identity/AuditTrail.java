package dev.lectern.command.identity;

import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.identity.Actor;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends to {@code audit_log} (append-only in the database). Inside a write's transaction the row
 * commits or rolls back with the change it describes; a denial is recorded on its own.
 */
@Component
public class AuditTrail {

    public static final String DONE = "done";
    public static final String DENIED = "denied";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One audited fact: {@code actor} did (or was refused) {@code action} on {@code subjectType}/{@code subjectId}. */
    public void record(
            Actor actor, String action, String outcome, String subjectType, String subjectId, String reason) {
        jdbc.update(
                """
                        INSERT INTO audit_log (tenant_id, occurred_at, actor_subject, actor_display_name, actor_user_id,
                                               action, outcome, subject_type, subject_id, reason, request_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                actor.tenantId().value(),
                Timestamp.from(clock.instant()),
                actor.subject(),
                actor.displayName(),
                actor.userId() == null ? null : actor.userId().value(),
                action,
                outcome,
                subjectType,
                subjectId,
                reason,
                MDC.get(CommandDispatcher.REQUEST_ID));
    }
}
