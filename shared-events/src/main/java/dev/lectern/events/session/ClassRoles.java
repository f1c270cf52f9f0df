package dev.lectern.events.session;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The role someone has inside one class, and the media grants it gives: one place for the join
 * endpoint, the Session aggregate and the token minting to read.
 *
 * <ul>
 *   <li>the teacher who owns the class: teacher;</li>
 *   <li>a class of a course: the course roster's role; an admin who is not enrolled joins as assistant;</li>
 *   <li>an ad-hoc class (no course): teachers and admins join as assistants, assistants, students and
 *       public viewers as themselves; auditors and people without a role do not join.</li>
 * </ul>
 */
public final class ClassRoles {

    public static final String TEACHER = "teacher";
    public static final String ASSISTANT = "assistant";
    public static final String STUDENT = "student";
    public static final String PUBLIC_VIEWER = "public_viewer";

    private ClassRoles() {}

    public static Optional<String> of(
            Actor actor, UserId classTeacher, CourseId courseId, Map<UUID, String> enrollments) {
        if (actor.userId() != null && actor.userId().equals(classTeacher)) {
            return Optional.of(TEACHER);
        }
        if (courseId != null) {
            String enrolled = enrollments.get(courseId.value());
            if (enrolled != null) {
                return Optional.of(enrolled);
            }
            return actor.has(Role.ADMIN) ? Optional.of(ASSISTANT) : Optional.empty();
        }
        if (actor.has(Role.ADMIN) || actor.has(Role.TEACHER) || actor.has(Role.ASSISTANT)) {
            return Optional.of(ASSISTANT);
        }
        if (actor.has(Role.STUDENT)) {
            return Optional.of(STUDENT);
        }
        return actor.has(Role.PUBLIC_VIEWER) ? Optional.of(PUBLIC_VIEWER) : Optional.empty();
    }

    /**
     * Teacher: publish, data, room admin. Assistant: data, room admin once granted moderation.
     * Student: data, publish once promoted to presenter. Public viewer: subscribe only, hidden.
     */
    public static MediaGrants grants(String classRole, Set<SessionPermission> permissions) {
        return switch (classRole) {
            case TEACHER -> new MediaGrants(true, true, true, true, false);
            case ASSISTANT ->
                new MediaGrants(
                        true,
                        permissions.contains(SessionPermission.PRESENT),
                        true,
                        permissions.contains(SessionPermission.MODERATE),
                        false);
            case STUDENT ->
                new MediaGrants(
                        true,
                        permissions.contains(SessionPermission.PRESENT),
                        true,
                        permissions.contains(SessionPermission.MODERATE),
                        false);
            default -> new MediaGrants(true, false, false, false, true);
        };
    }
}
