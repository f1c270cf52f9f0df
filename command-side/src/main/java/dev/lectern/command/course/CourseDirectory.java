package dev.lectern.command.course;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Courses, lessons and rosters as the write side needs them: who may manage a course (an admin, or a
 * teacher enrolled in it as teacher) and which course a lesson belongs to. Always within one tenant.
 */
@Component
public class CourseDirectory {

    private final JdbcTemplate jdbc;

    CourseDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The course of a lesson of the actor's school, or 404. */
    public UUID courseOfLesson(Actor actor, UUID lessonId) {
        List<UUID> course = jdbc.queryForList("SELECT course_id FROM lessons WHERE tenant_id = ? AND lesson_id = ?",
                UUID.class, actor.tenantId().value(), lessonId);
        if (course.isEmpty()) {
            throw new RequestRejectedException(ErrorCode.LESSON_NOT_FOUND, "No lesson " + lessonId + " in this tenant");
        }
        return course.get(0);
    }

    public void requireCourse(Actor actor, UUID courseId) {
        Integer found = jdbc.queryForObject("SELECT count(*) FROM courses WHERE tenant_id = ? AND course_id = ?",
                Integer.class, actor.tenantId().value(), courseId);
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
        jdbc.query("SELECT course_id, role FROM enrollments WHERE tenant_id = ? AND user_id = ?",
                rs -> {
                    result.put(rs.getObject("course_id", UUID.class), rs.getString("role"));
                }, actor.tenantId().value(), actor.userId().value());
        return result;
    }

    /** Admins manage every course of their school; teachers the courses they teach. */
    public void requireManager(Actor actor, UUID courseId) {
        requireCourse(actor, courseId);
        if (actor.has(Role.ADMIN)) {
            return;
        }
        Integer teaches = actor.userId() == null || !actor.has(Role.TEACHER) ? Integer.valueOf(0) : jdbc.queryForObject("""
                        SELECT count(*) FROM enrollments
                        WHERE tenant_id = ? AND course_id = ? AND user_id = ? AND role = 'teacher'""",
                Integer.class, actor.tenantId().value(), courseId, actor.userId().value());
        if (teaches == null || teaches == 0) {
            throw new RequestRejectedException(ErrorCode.FORBIDDEN, "Only this course's teachers or an admin may do this");
        }
    }
}
