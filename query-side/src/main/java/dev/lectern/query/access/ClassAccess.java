package dev.lectern.query.access;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.query.livestate.ClassState;
import dev.lectern.query.livestate.LiveStateStore;
import dev.lectern.query.livestate.SessionLog;
import dev.lectern.query.visibility.Viewer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may look at a class's live state and stream, and as what: the same class-role rule the join
 * endpoint uses ({@link ClassRoles}), on the live state's owner and course. A class outside the caller's
 * tenant, or of a course they are not on, does not exist for them (404); a person removed from the
 * class is refused (403). Checked on every state read and on every subscribe and resume.
 */
@Component
public class ClassAccess {

    private final LiveStateStore states;
    private final DatabaseClient db;
    private final SessionLog log;

    ClassAccess(LiveStateStore states, DatabaseClient db, SessionLog log) {
        this.states = states;
        this.db = db;
        this.log = log;
    }

    public record Granted(Viewer viewer, ClassState state) {}

    public Mono<Granted> check(Actor actor, SessionId session) {
        AccessDeniedException.require(actor, Capability.VIEW_SESSION);
        String tenant = actor.tenantId().value();
        return states.current(tenant, session.value())
                .switchIfEmpty(Mono.error(() -> notFound(session)))
                .flatMap(state -> {
                    CourseId course = state.courseId == null ? null : CourseId.of(state.courseId);
                    return enrollments(actor, course).map(enrolled -> {
                        String classRole = ClassRoles.of(
                                        actor, state.owner == null ? null : new UserId(state.owner), course, enrolled)
                                .orElseThrow(() -> notFound(session));
                        UUID user =
                                actor.userId() == null ? null : actor.userId().value();
                        ClassState.Participant self = user == null ? null : state.roster.get(user.toString());
                        if (self != null && self.revoked) {
                            throw new RequestRejectedException(ErrorCode.FORBIDDEN, "You were removed from this class");
                        }
                        return new Granted(new Viewer(user, classRole), state);
                    });
                });
    }

    /**
     * The caller's class role ({@link ClassRoles}) from the class's first event in the log rather than the
     * live projection, so that it holds from the moment the class exists; empty if they have none, or the
     * class is not in their tenant. Used where the caller need not be able to join (the raw log).
     */
    public Mono<Optional<String>> classRoleFromLog(Actor actor, SessionId session) {
        return log.first(actor.tenantId().value(), session.value())
                .filter(entry -> entry.event() instanceof SessionScheduledEvent)
                .map(entry -> (SessionScheduledEvent) entry.event())
                .flatMap(scheduled -> enrollments(actor, scheduled.courseId())
                        .map(enrolled -> ClassRoles.of(actor, scheduled.scheduledBy(), scheduled.courseId(), enrolled)))
                .defaultIfEmpty(Optional.empty());
    }

    private Mono<Map<UUID, String>> enrollments(Actor actor, CourseId course) {
        if (course == null || actor.userId() == null) {
            return Mono.just(Map.of());
        }
        return db.sql(
                        "SELECT role FROM enrollments WHERE tenant_id = :tenant AND course_id = :course AND user_id = :user")
                .bind("tenant", actor.tenantId().value())
                .bind("course", course.value())
                .bind("user", actor.userId().value())
                .map((row, meta) -> row.get("role", String.class))
                .one()
                .map(role -> Map.of(course.value(), role))
                .defaultIfEmpty(Map.of());
    }

    private static RequestRejectedException notFound(SessionId session) {
        return new RequestRejectedException(ErrorCode.SESSION_NOT_FOUND, "No session " + session + " in this tenant");
    }
}
