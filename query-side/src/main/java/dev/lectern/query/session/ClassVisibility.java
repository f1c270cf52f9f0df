package dev.lectern.query.session;

import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.Role;
import dev.lectern.events.session.ClassRoles;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Which classes of the {@code sessions} read model a caller sees, and as what: one rule for {@code GET /sessions/{id}},
 * {@code GET /sessions} and {@code GET /courses/{courseId}/sessions} (docs/adr/0026-class-lists-visibility.md).
 *
 * <p>A caller sees a class when they have a role in it, {@link ClassRoles#of} written as SQL over the read model (the
 * class's teacher, its course, the caller's enrolment), so that the list is one query with the rule in its
 * {@code WHERE}; or, read-only, when they are an auditor of the school (class role {@value #AUDITOR}). ClassRolesRuleIT
 * checks the SQL against {@link ClassRoles#of} over every role and kind of class.
 */
final class ClassVisibility {

    /** The class role of an auditor who has no other role in a class: may read it, not join it. */
    static final String AUDITOR = "auditor";

    /**
     * The caller's class role, or NULL when the class is not theirs to see. Needs {@code s} (sessions) and {@code e}
     * (the caller's enrolment in the class's course, left-joined by {@link #ENROLMENT}).
     */
    static final String CLASS_ROLE = """
            COALESCE(
                CASE
                    WHEN s.teacher_id = :viewerUser THEN 'teacher'
                    WHEN s.course_id IS NOT NULL THEN COALESCE(e.role, CASE WHEN :viewerAdmin THEN 'assistant' END)
                    WHEN :viewerStaff THEN 'assistant'
                    WHEN :viewerStudent THEN 'student'
                    WHEN :viewerPublic THEN 'public_viewer'
                END,
                CASE WHEN :viewerAuditor THEN 'auditor' END)""";

    /** The caller's enrolment in the class's course, if any. */
    static final String ENROLMENT = """
            LEFT JOIN enrollments e
                   ON e.tenant_id = s.tenant_id AND e.course_id = s.course_id AND e.user_id = :viewerUser""";

    private ClassVisibility() {}

    /** Tenant-wide roles that may look at classes at all; anyone else (no role in the school) is refused with 403. */
    static void require(Actor actor) {
        AccessDeniedException.require(actor, Capability.FIND_SESSIONS);
    }

    /** Binds the caller's identity and roles for {@link #CLASS_ROLE} and {@link #ENROLMENT}. */
    static GenericExecuteSpec bind(GenericExecuteSpec spec, Actor actor) {
        // No user of this school: a user id nobody has, so that neither the teacher nor an enrolment matches.
        UUID user = actor.userId() == null ? new UUID(0, 0) : actor.userId().value();
        return spec.bind("viewerUser", user)
                .bind("viewerAdmin", actor.has(Role.ADMIN))
                .bind("viewerStaff", actor.has(Role.ADMIN) || actor.has(Role.TEACHER) || actor.has(Role.ASSISTANT))
                .bind("viewerStudent", actor.has(Role.STUDENT))
                .bind("viewerPublic", actor.has(Role.PUBLIC_VIEWER))
                .bind("viewerAuditor", actor.has(Role.AUDITOR));
    }
}
