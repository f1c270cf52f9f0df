package dev.lectern.query.session;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.query.SessionView;
import dev.lectern.events.session.SessionId;
import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads the {@code sessions} read model through R2DBC; always scoped by the actor's tenant and enrolment. */
@Repository
class SessionViewRepository {

    private final DatabaseClient db;

    SessionViewRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The class if the actor may see it: teachers and admins see every class of their school; others
     * see ad-hoc classes and classes of courses they are enrolled in.
     */
    Mono<SessionView> find(Actor actor, SessionId session) {
        boolean schoolWide = actor.has(Role.ADMIN) || actor.has(Role.TEACHER);
        UUID user = actor.userId() == null ? new UUID(0, 0) : actor.userId().value();
        return db.sql("""
                        SELECT s.session_id, s.tenant_id, s.title, s.status, s.starts_at, s.duration_minutes,
                               s.recording_enabled, s.scheduled_at, s.last_event_position, s.lesson_id, s.course_id,
                               s.started_at, s.ended_at
                        FROM sessions s
                        WHERE s.tenant_id = :tenant AND s.session_id = :session
                          AND (:schoolWide OR s.course_id IS NULL OR EXISTS (
                                SELECT 1 FROM enrollments e
                                WHERE e.tenant_id = s.tenant_id AND e.course_id = s.course_id AND e.user_id = :user))""")
                .bind("tenant", actor.tenantId().value())
                .bind("session", session.value())
                .bind("schoolWide", schoolWide)
                .bind("user", user)
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
                row.get("last_event_position", Long.class),
                id(row.get("lesson_id", UUID.class), LessonId::of),
                id(row.get("course_id", UUID.class), CourseId::of),
                instant(row.get("started_at", OffsetDateTime.class)),
                instant(row.get("ended_at", OffsetDateTime.class)));
    }

    private static <T> T id(UUID value, java.util.function.Function<UUID, T> type) {
        return value == null ? null : type.apply(value);
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
