package dev.lectern.command.tables;

import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Facts about a class that paths outside the Session aggregate need in SQL (the poll gate's eligibility join,
 * docs/adr/0010): the course it belongs to ({@code class_courses}) and the people removed from it
 * ({@code class_revocations}). Written in the publishing unit of work (docs/adr/0021).
 */
@Component
@ProcessingGroup(WriteSideTables.PROCESSING_GROUP)
class ClassTables {

    private final JdbcTemplate jdbc;

    ClassTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionScheduledEvent event) {
        jdbc.update(
                """
                INSERT INTO class_courses (tenant_id, session_id, course_id) VALUES (?, ?, ?)
                ON CONFLICT (session_id) DO UPDATE SET course_id = EXCLUDED.course_id""",
                event.tenantId().value(),
                event.sessionId().value(),
                event.courseId() == null ? null : event.courseId().value());
    }

    @EventHandler
    void on(ParticipantRevokedEvent event, @Timestamp Instant at) {
        jdbc.update(
                """
                INSERT INTO class_revocations (tenant_id, session_id, user_id, revoked_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""",
                event.tenantId().value(),
                event.sessionId().value(),
                event.userId().value(),
                java.sql.Timestamp.from(at));
    }
}
