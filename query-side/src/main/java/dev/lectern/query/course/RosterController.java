package dev.lectern.query.course;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.query.web.PathIds;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** {@code GET /courses/{id}/roster}: who is enrolled in a course of the caller's school, and as what. */
@RestController
class RosterController {

    private final DatabaseClient db;

    RosterController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping(path = "/courses/{courseId}/roster", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<RosterView> roster(Actor actor, @PathVariable String courseId) {
        AccessDeniedException.require(actor, Capability.VIEW_ROSTER);
        UUID course = PathIds.uuid("courseId", courseId);
        return db.sql("SELECT title FROM courses WHERE tenant_id = :tenant AND course_id = :course")
                 .bind("tenant", actor.tenantId().value())
                 .bind("course", course)
                 .map((row, meta) -> row.get("title", String.class))
                 .one()
                 .switchIfEmpty(Mono.error(() -> new RequestRejectedException(ErrorCode.COURSE_NOT_FOUND,
                         "No course " + courseId + " in this tenant")))
                 .flatMap(title -> db.sql("""
                                 SELECT e.user_id, u.subject, u.display_name, e.role FROM enrollments e
                                 JOIN users u ON u.tenant_id = e.tenant_id AND u.user_id = e.user_id
                                 WHERE e.tenant_id = :tenant AND e.course_id = :course ORDER BY e.role, u.subject""")
                         .bind("tenant", actor.tenantId().value())
                         .bind("course", course)
                         .map((row, meta) -> new Member(row.get("user_id", UUID.class), row.get("subject", String.class),
                                 row.get("display_name", String.class), row.get("role", String.class)))
                         .all()
                         .collectList()
                         .map(members -> new RosterView(course, title, members)));
    }

    record Member(UUID userId, String subject, String displayName, String role) {
    }

    record RosterView(UUID courseId, String title, List<Member> members) {
    }
}
