package dev.lectern.query.session;

import dev.lectern.events.session.SessionScheduledEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

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

    SessionsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionScheduledEvent event, TrackingToken token) {
        long position = token.position().orElseThrow();
        jdbc.update("""
                INSERT INTO sessions (tenant_id, session_id, title, status, starts_at, duration_minutes,
                                      recording_enabled, scheduled_at, last_event_position, lesson_id, course_id)
                VALUES (?, ?, ?, 'scheduled', ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, session_id) DO UPDATE SET
                    title = EXCLUDED.title, status = EXCLUDED.status, starts_at = EXCLUDED.starts_at,
                    duration_minutes = EXCLUDED.duration_minutes, recording_enabled = EXCLUDED.recording_enabled,
                    scheduled_at = EXCLUDED.scheduled_at, last_event_position = EXCLUDED.last_event_position,
                    lesson_id = EXCLUDED.lesson_id, course_id = EXCLUDED.course_id
                WHERE sessions.last_event_position < EXCLUDED.last_event_position""",
                event.tenantId().value(), event.sessionId().value(), event.title(),
                Timestamp.from(event.startsAt()), event.durationMinutes(), event.recordingEnabled(),
                Timestamp.from(event.scheduledAt()), position, event.lessonId(), event.courseId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM sessions");
    }
}
