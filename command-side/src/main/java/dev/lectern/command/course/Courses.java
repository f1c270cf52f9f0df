package dev.lectern.command.course;

import dev.lectern.command.identity.AuditTrail;
import dev.lectern.command.identity.UserDirectory;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * The use cases of courses, lessons and the roster, inside the write's transaction
 * (docs/adr/0020-thin-controllers-one-write-path.md): only a course's teachers or an admin change it, a teacher who
 * creates a course is its first teacher, and every enrolment change is audited.
 */
@Service
class Courses {

    private final CourseDirectory courses;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final Clock clock;

    Courses(CourseDirectory courses, UserDirectory users, AuditTrail audit, Clock clock) {
        this.courses = courses;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    CourseView createCourse(Actor actor, String title) {
        CourseId courseId = CourseId.random();
        Instant now = clock.instant();
        courses.addCourse(actor, courseId, title, now);
        if (actor.has(Role.TEACHER) && actor.userId() != null) {
            courses.enroll(actor, courseId, actor.userId(), Role.TEACHER, now);
        }
        audit.record(actor, "course.created", AuditTrail.DONE, "course", courseId.toString(), null);
        return new CourseView(courseId.toString(), title);
    }

    LessonView createLesson(Actor actor, CourseId courseId, String title) {
        courses.requireManager(actor, courseId);
        LessonId lessonId = LessonId.random();
        courses.addLesson(actor, lessonId, courseId, title, clock.instant());
        return new LessonView(lessonId.toString(), courseId.toString(), title);
    }

    EnrollmentView enroll(Actor actor, CourseId course, UserId user, Role role) {
        courses.requireManager(actor, course);
        users.requireUser(actor, user);
        boolean changed = courses.enroll(actor, course, user, role, clock.instant());
        if (changed) {
            audit.record(
                    actor,
                    "enrollment.set",
                    AuditTrail.DONE,
                    "course_user",
                    course + "/" + user + "/" + role.value(),
                    null);
        }
        return new EnrollmentView(course.toString(), user.toString(), role.value(), changed);
    }

    EnrollmentView unenroll(Actor actor, CourseId course, UserId user) {
        courses.requireManager(actor, course);
        boolean changed = courses.unenroll(actor, course, user);
        if (changed) {
            audit.record(actor, "enrollment.removed", AuditTrail.DONE, "course_user", course + "/" + user, null);
        }
        return new EnrollmentView(course.toString(), user.toString(), null, changed);
    }

    record CourseView(String courseId, String title) {}

    record LessonView(String lessonId, String courseId, String title) {}

    /** {@code changed} is false when the user already had that role in the course (or was not enrolled). */
    record EnrollmentView(String courseId, String userId, String role, boolean changed) {}
}
