package dev.lectern.query.course;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.identity.TenantId;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads a course and its enrolments ({@code courses}, {@code enrollments}, {@code users}) through R2DBC. */
@Repository
class RosterRepository {

    private final DatabaseClient db;

    RosterRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The course's roster, members ordered by role then subject; empty if the tenant has no such course. */
    Mono<RosterView> roster(TenantId tenant, CourseId course) {
        return db.sql("SELECT title FROM courses WHERE tenant_id = :tenant AND course_id = :course")
                .bind("tenant", tenant.value())
                .bind("course", course.value())
                .map((row, meta) -> row.get("title", String.class))
                .one()
                .flatMap(title -> db.sql("""
                                 SELECT e.user_id, u.subject, u.display_name, e.role FROM enrollments e
                                 JOIN users u ON u.tenant_id = e.tenant_id AND u.user_id = e.user_id
                                 WHERE e.tenant_id = :tenant AND e.course_id = :course ORDER BY e.role, u.subject""")
                        .bind("tenant", tenant.value())
                        .bind("course", course.value())
                        .map((row, meta) -> new Member(
                                row.get("user_id", UUID.class),
                                row.get("subject", String.class),
                                row.get("display_name", String.class),
                                row.get("role", String.class)))
                        .all()
                        .collectList()
                        .map(members -> new RosterView(course, title, members)));
    }

    record Member(UUID userId, String subject, String displayName, String role) {}

    record RosterView(CourseId courseId, String title, List<Member> members) {}
}
