package dev.lectern.query.session;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.query.SessionView;
import dev.lectern.events.session.SessionId;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the {@code sessions} read model through R2DBC; always scoped by the actor's tenant and by
 * {@link ClassVisibility}, the one rule for a single class and for lists of them.
 */
@Repository
class SessionViewRepository {

    private static final String VISIBLE = """
            SELECT * FROM (
                SELECT s.session_id, s.tenant_id, s.title, s.status, s.starts_at, s.duration_minutes,
                       s.recording_enabled, s.scheduled_at, s.last_event_position, s.lesson_id, s.course_id,
                       s.started_at, s.ended_at,
                       %s AS class_role
                FROM sessions s
                %s
                WHERE s.tenant_id = :tenant %%s
            ) v
            WHERE v.class_role IS NOT NULL""".formatted(ClassVisibility.CLASS_ROLE, ClassVisibility.ENROLMENT);

    private final DatabaseClient db;

    SessionViewRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The class if the actor may see it ({@link ClassVisibility}). */
    Mono<SessionView> find(Actor actor, SessionId session) {
        return ClassVisibility.bind(db.sql(VISIBLE.formatted("AND s.session_id = :session")), actor)
                .bind("tenant", actor.tenantId().value())
                .bind("session", session.value())
                .map((row, meta) -> toView(row))
                .one();
    }

    /** What to list: statuses (empty for any), the scheduled start's window, and the course (null for any). */
    record Filter(List<String> statuses, Instant from, Instant to, UUID course) {}

    /** A position in the list's order (starts_at, then session id); the next page starts after it. */
    record Cursor(Instant startsAt, UUID sessionId) {}

    /** One class of a list, with the caller's role in it. */
    record Listed(SessionView session, String classRole) {}

    /**
     * Up to {@code limit} classes the actor may see ({@link ClassVisibility}), in start order then id, after
     * {@code after} (null for the first page). The rule is in the query, so a page is never short for anything
     * but the end of the list.
     */
    Flux<Listed> list(Actor actor, Filter filter, Cursor after, int limit) {
        StringBuilder conditions = new StringBuilder();
        if (filter.course() != null) {
            conditions.append(" AND s.course_id = :course");
        }
        if (!filter.statuses().isEmpty()) {
            conditions.append(" AND s.status = ANY(:statuses)");
        }
        if (filter.from() != null) {
            conditions.append(" AND s.starts_at >= :from");
        }
        if (filter.to() != null) {
            conditions.append(" AND s.starts_at < :to");
        }
        if (after != null) {
            conditions.append(
                    " AND (s.starts_at, s.session_id) > (CAST(:afterStartsAt AS timestamptz), CAST(:afterSession AS uuid))");
        }
        String sql = VISIBLE.formatted(conditions) + " ORDER BY v.starts_at, v.session_id LIMIT :limit";
        DatabaseClient.GenericExecuteSpec spec = ClassVisibility.bind(db.sql(sql), actor)
                .bind("tenant", actor.tenantId().value())
                .bind("limit", limit);
        if (filter.course() != null) {
            spec = spec.bind("course", filter.course());
        }
        if (!filter.statuses().isEmpty()) {
            spec = spec.bind("statuses", filter.statuses().toArray(String[]::new));
        }
        if (filter.from() != null) {
            spec = spec.bind("from", filter.from().atOffset(java.time.ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            spec = spec.bind("to", filter.to().atOffset(java.time.ZoneOffset.UTC));
        }
        if (after != null) {
            spec = spec.bind("afterStartsAt", after.startsAt().atOffset(java.time.ZoneOffset.UTC))
                    .bind("afterSession", after.sessionId());
        }
        return spec.map((row, meta) -> new Listed(toView(row), row.get("class_role", String.class)))
                .all();
    }

    /** Whether the school has this course (an unknown course, or one of another school, is a 404). */
    Mono<Boolean> courseExists(TenantId tenant, UUID course) {
        return db.sql("SELECT 1 FROM courses WHERE tenant_id = :tenant AND course_id = :course")
                .bind("tenant", tenant.value())
                .bind("course", course)
                .map((row, meta) -> Boolean.TRUE)
                .one()
                .defaultIfEmpty(Boolean.FALSE);
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

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
