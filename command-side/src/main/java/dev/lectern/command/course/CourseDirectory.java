package dev.lectern.command.course;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Courses, lessons and rosters as the write side needs them: who may manage a course (an admin, or a
 * teacher enrolled in it as teacher) and which course a lesson belongs to; and the rows themselves
 * (the tables {@code courses}, {@code lessons}, {@code enrollments}). Always within one tenant.
 */
@Component
public class CourseDirectory {

    private final JdbcTemplate jdbc;

    CourseDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The course of a lesson of the actor's school, or 404. */
    public CourseId courseOfLesson(Actor actor, LessonId lessonId) {
        List<UUID> course = jdbc.queryForList(
                "SELECT course_id FROM lessons WHERE tenant_id = ? AND lesson_id = ?",
                UUID.class,
                actor.tenantId().value(),
                lessonId.value());
        if (course.isEmpty()) {
            throw new RequestRejectedException(ErrorCode.LESSON_NOT_FOUND, "No lesson " + lessonId + " in this tenant");
        }
        return CourseId.of(course.get(0));
    }

    public void requireCourse(Actor actor, CourseId courseId) {
        Integer found = jdbc.queryForObject(
                "SELECT count(*) FROM courses WHERE tenant_id = ? AND course_id = ?",
                Integer.class,
                actor.tenantId().value(),
                courseId.value());
        if (found == null || found == 0) {
            throw new RequestRejectedException(ErrorCode.COURSE_NOT_FOUND, "No course " + courseId + " in this tenant");
        }
    }

    /** The actor's enrolments in their school: course id to role. */
    public Map<UUID, String> enrollmentsOf(Actor actor) {
        if (actor.userId() == null) {
            return Map.of();
        }
        Map<UUID, String> result = new HashMap<>();
        jdbc.query(
                "SELECT course_id, role FROM enrollments WHERE tenant_id = ? AND user_id = ?",
                rs -> {
                    result.put(rs.getObject("course_id", UUID.class), rs.getString("role"));
                },
                actor.tenantId().value(),
                actor.userId().value());
        return result;
    }

    /** Admins manage every course of their school; teachers the courses they teach. */
    public void requireManager(Actor actor, CourseId courseId) {
        requireCourse(actor, courseId);
        if (actor.has(Role.ADMIN)) {
            return;
        }
        Integer teaches = actor.userId() == null || !actor.has(Role.TEACHER)
                ? Integer.valueOf(0)
                : jdbc.queryForObject(
                        """
                        SELECT count(*) FROM enrollments
                        WHERE tenant_id = ? AND course_id = ? AND user_id = ? AND role = 'teacher'""",
                        Integer.class,
                        actor.tenantId().value(),
                        courseId.value(),
                        actor.userId().value());
        if (teaches == null || teaches == 0) {
            throw new RequestRejectedException(
                    ErrorCode.FORBIDDEN, "Only this course's teachers or an admin may do this");
        }
    }

    void addCourse(Actor actor, CourseId courseId, String title, Instant now) {
        jdbc.update(
                "INSERT INTO courses (tenant_id, course_id, title, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                actor.tenantId().value(),
                courseId.value(),
                title,
                actor.subject(),
                Timestamp.from(now));
    }

    void addLesson(Actor actor, LessonId lessonId, CourseId courseId, String title, Instant now) {
        jdbc.update(
                "INSERT INTO lessons (tenant_id, lesson_id, course_id, title, created_at) VALUES (?, ?, ?, ?, ?)",
                actor.tenantId().value(),
                lessonId.value(),
                courseId.value(),
                title,
                Timestamp.from(now));
    }

    /** Enrols or changes the role; returns whether anything changed. */
    boolean enroll(Actor actor, CourseId course, UserId user, Role role, Instant now) {
        return jdbc.update(
                        """
                        INSERT INTO enrollments (tenant_id, course_id, user_id, role, enrolled_at, enrolled_by)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, course_id, user_id) DO UPDATE SET role = EXCLUDED.role,
                            enrolled_at = EXCLUDED.enrolled_at, enrolled_by = EXCLUDED.enrolled_by
                        WHERE enrollments.role <> EXCLUDED.role""",
                        actor.tenantId().value(),
                        course.value(),
                        user.value(),
                        role.value(),
                        Timestamp.from(now),
                        actor.subject())
                == 1;
    }

    /** Whether the user was enrolled. */
    boolean unenroll(Actor actor, CourseId course, UserId user) {
        return jdbc.update(
                        "DELETE FROM enrollments WHERE tenant_id = ? AND course_id = ? AND user_id = ?",
                        actor.tenantId().value(),
                        course,
                        user.value())
                == 1;
    }
}
