package dev.lectern.query.studio;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.ClassRoles;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.UUID;

/**
 * Who may see a class's slides and call to action: its members by the rule of {@link ClassRoles}
 * (teacher, course roster, admins; anyone of the school for an ad-hoc class), read from the class's own
 * {@code session.scheduled} event, so that it holds from the moment the class exists. A class outside
 * the caller's tenant or roster does not exist for them (404); someone removed from it is refused (403).
 */
@Component
class ClassMembers {

    private static final String CLASS = """
            SELECT payload->>'scheduledBy' AS teacher, payload->>'courseId' AS course,
                   EXISTS (SELECT 1 FROM session_state_events_readable r
                           WHERE r.tenant_id = :tenant AND r.session_id = :session AND r.event_name = 'participant.revoked'
                             AND r.payload->>'userId' = :user) AS revoked
            FROM session_state_events_readable
            WHERE tenant_id = :tenant AND session_id = :session AND event_name = 'session.scheduled'""";

    private final DatabaseClient db;

    ClassMembers(DatabaseClient db) {
        this.db = db;
    }

    /** Completes with the caller's class role, or fails with a 404 or 403 problem. */
    Mono<String> require(Actor actor, SessionId session) {
        AccessDeniedException.require(actor, Capability.VIEW_SESSION);
        String user = actor.userId() == null ? "" : actor.userId().toString();
        return db.sql(CLASS)
                 .bind("tenant", actor.tenantId().value())
                 .bind("session", session.value())
                 .bind("user", user)
                 .map((row, meta) -> {
                     String course = row.get("course", String.class);
                     return new ClassRow(row.get("teacher", String.class), course == null ? null : UUID.fromString(course),
                             Boolean.TRUE.equals(row.get("revoked", Boolean.class)));
                 })
                 .one()
                 .switchIfEmpty(Mono.error(() -> notFound(session)))
                 .flatMap(found -> enrollments(actor, found.course()).map(enrolled -> {
                     UserId teacher = found.teacher() == null ? null : UserId.parse(found.teacher()).orElse(null);
                     String role = ClassRoles.of(actor, teacher, found.course(), enrolled)
                                             .orElseThrow(() -> notFound(session));
                     if (found.revoked()) {
                         throw new RequestRejectedException(ErrorCode.FORBIDDEN, "You were removed from this class");
                     }
                     return role;
                 }));
    }

    private record ClassRow(String teacher, UUID course, boolean revoked) {
    }

    private Mono<Map<UUID, String>> enrollments(Actor actor, UUID course) {
        if (course == null || actor.userId() == null) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT role FROM enrollments WHERE tenant_id = :tenant AND course_id = :course AND user_id = :user")
                 .bind("tenant", actor.tenantId().value())
                 .bind("course", course)
                 .bind("user", actor.userId().value())
                 .map((row, meta) -> row.get("role", String.class))
                 .one()
                 .map(role -> Map.of(course, role))
                 .defaultIfEmpty(Map.of());
    }

    static RequestRejectedException notFound(SessionId session) {
        return new RequestRejectedException(ErrorCode.SESSION_NOT_FOUND, "No session " + session + " in this tenant");
    }
}
