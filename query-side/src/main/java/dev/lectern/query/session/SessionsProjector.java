package dev.lectern.query.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.session.SessionCancelledEvent;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionRescheduledEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import dev.lectern.query.projection.StorableText;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the {@code sessions} read model. Runs in a tracking processor whose unit of work is a
 * Spring transaction on the same DataSource as the token store, so a row and the token that
 * covers it commit together (exactly once). Every write is still an idempotent upsert guarded by
 * the event's global position, so replaying an event can never move a row backwards.
 */
@Component
@ProcessingGroup(SessionsProjector.PROCESSING_GROUP)
class SessionsProjector {

    static final String PROCESSING_GROUP = "sessions";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    SessionsProjector(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Refuses, before any statement runs, an event whose text or instants PostgreSQL cannot store: a failed
     * statement would abort the batch's transaction for every class, while a refusal here parks only this
     * class (docs/adr/0012-poison-isolation-dead-letters.md).
     */
    private void storable(Object event, Instant... instants) {
        StorableText.check(json.valueToTree(event));
        for (Instant instant : instants) {
            StorableText.checkTimestamp(instant, "an instant");
        }
    }

    @EventHandler
    void on(SessionScheduledEvent event, TrackingToken token) {
        storable(event, event.startsAt(), event.scheduledAt());
        long position = token.position().orElseThrow();
        jdbc.update(
                """
                INSERT INTO sessions (tenant_id, session_id, title, status, starts_at, duration_minutes,
                                      recording_enabled, scheduled_at, last_event_position, lesson_id, course_id,
                                      teacher_id)
                VALUES (?, ?, ?, 'scheduled', ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, session_id) DO UPDATE SET
                    title = EXCLUDED.title, status = EXCLUDED.status, starts_at = EXCLUDED.starts_at,
                    duration_minutes = EXCLUDED.duration_minutes, recording_enabled = EXCLUDED.recording_enabled,
                    scheduled_at = EXCLUDED.scheduled_at, last_event_position = EXCLUDED.last_event_position,
                    lesson_id = EXCLUDED.lesson_id, course_id = EXCLUDED.course_id, teacher_id = EXCLUDED.teacher_id
                WHERE sessions.last_event_position < EXCLUDED.last_event_position""",
                event.tenantId().value(),
                event.sessionId().value(),
                event.title(),
                Timestamp.from(event.startsAt()),
                event.durationMinutes(),
                event.recordingEnabled(),
                Timestamp.from(event.scheduledAt()),
                position,
                event.lessonId() == null ? null : event.lessonId().value(),
                event.courseId() == null ? null : event.courseId().value(),
                event.scheduledBy() == null ? null : event.scheduledBy().value());
    }

    @EventHandler
    void on(SessionRescheduledEvent event, TrackingToken token) {
        storable(event, event.startsAt());
        update(
                event.tenantId().value(),
                event.sessionId().value(),
                token,
                "title = ?, starts_at = ?, duration_minutes = ?",
                event.title(),
                Timestamp.from(event.startsAt()),
                event.durationMinutes());
    }

    @EventHandler
    void on(SessionCancelledEvent event, TrackingToken token) {
        storable(event);
        update(event.tenantId().value(), event.sessionId().value(), token, "status = 'cancelled'");
    }

    @EventHandler
    void on(SessionStartedEvent event, TrackingToken token) {
        storable(event, event.startedAt());
        update(
                event.tenantId().value(),
                event.sessionId().value(),
                token,
                "status = 'live', started_at = ?",
                Timestamp.from(event.startedAt()));
    }

    @EventHandler
    void on(SessionEndedEvent event, TrackingToken token) {
        storable(event, event.endedAt());
        update(
                event.tenantId().value(),
                event.sessionId().value(),
                token,
                "status = 'ended', ended_at = ?",
                Timestamp.from(event.endedAt()));
    }

    /** Applies a change once: an event at or below the row's position was already applied (replays, redelivery). */
    private void update(String tenant, Object session, TrackingToken token, String assignments, Object... values) {
        long position = token.position().orElseThrow();
        Object[] arguments = new Object[values.length + 4];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = position;
        arguments[values.length + 1] = tenant;
        arguments[values.length + 2] = session;
        arguments[values.length + 3] = position;
        jdbc.update(
                "UPDATE sessions SET " + assignments + ", last_event_position = ? "
                        + "WHERE tenant_id = ? AND session_id = ? AND last_event_position < ?",
                arguments);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM sessions");
    }
}
