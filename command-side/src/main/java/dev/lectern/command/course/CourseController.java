package dev.lectern.command.course;

import dev.lectern.command.web.PlainText;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.identity.AuditTrail;
import dev.lectern.command.identity.UserDirectory;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Courses, lessons and the course roster (seed 001 {@code POST /courses}, {@code POST /lessons}).
 * The roster says who may join a lesson's classes and in which role; enrollment changes are audited.
 */
@RestController
class CourseController {

    private static final Set<Role> ENROLLABLE = EnumSet.of(Role.TEACHER, Role.ASSISTANT, Role.STUDENT, Role.PUBLIC_VIEWER);

    private final IdempotentWrites writes;
    private final JdbcTemplate jdbc;
    private final CourseDirectory courses;
    private final AuditTrail audit;
    private final Clock clock;
    private final UserDirectory users;

    CourseController(IdempotentWrites writes, JdbcTemplate jdbc, CourseDirectory courses, AuditTrail audit, Clock clock,
                     UserDirectory users) {
        this.users = users;
        this.writes = writes;
        this.jdbc = jdbc;
        this.courses = courses;
        this.audit = audit;
        this.clock = clock;
    }

    /** A teacher who creates a course is its first teacher. */
    @PostMapping(path = "/courses", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> createCourse(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                              @Valid @RequestBody TitleRequest request) {
        AccessDeniedException.require(actor, Capability.MANAGE_COURSES);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        return writes.execute(actor, idempotencyKey, "POST", "/courses", request, () -> {
            UUID courseId = UUID.randomUUID();
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.update("INSERT INTO courses (tenant_id, course_id, title, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                    actor.tenantId().value(), courseId, request.title().strip(), actor.subject(), now);
            if (actor.has(Role.TEACHER) && actor.userId() != null) {
                enroll(actor, courseId, actor.userId(), Role.TEACHER, now);
            }
            audit.record(actor, "course.created", AuditTrail.DONE, "course", courseId.toString(), null);
            return new IdempotentWrites.Result(201, "/courses/" + courseId,
                    new CourseView(courseId.toString(), request.title().strip()));
        }).map(RecordedResponse::toResponseEntity);
    }

    @PostMapping(path = "/lessons", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> createLesson(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                              @Valid @RequestBody LessonRequest request) {
        AccessDeniedException.require(actor, Capability.MANAGE_COURSES);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        UUID courseId = uuid("courseId", request.courseId());
        return writes.execute(actor, idempotencyKey, "POST", "/lessons", request, () -> {
            courses.requireManager(actor, courseId);
            UUID lessonId = UUID.randomUUID();
            jdbc.update("INSERT INTO lessons (tenant_id, lesson_id, course_id, title, created_at) VALUES (?, ?, ?, ?, ?)",
                    actor.tenantId().value(), lessonId, courseId, request.title().strip(), Timestamp.from(clock.instant()));
            return new IdempotentWrites.Result(201, "/lessons/" + lessonId,
                    new LessonView(lessonId.toString(), courseId.toString(), request.title().strip()));
        }).map(RecordedResponse::toResponseEntity);
    }

    @PutMapping(path = "/courses/{courseId}/enrollments/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> enroll(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                        @PathVariable String courseId, @PathVariable String userId,
                                        @Valid @RequestBody EnrollmentRequest request) {
        AccessDeniedException.require(actor, Capability.MANAGE_COURSES);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        UUID course = uuid("courseId", courseId);
        UserId user = UserDirectory.parse(userId);
        Role role = Role.parse(request.role()).filter(ENROLLABLE::contains).orElseThrow(() ->
                new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                        "role must be one of teacher, assistant, student, public_viewer"));
        String path = "/courses/" + course + "/enrollments/" + user;
        return writes.execute(actor, idempotencyKey, "PUT", path, request, () -> {
            courses.requireManager(actor, course);
            users.requireUser(actor, user);
            boolean changed = enroll(actor, course, user, role, Timestamp.from(clock.instant()));
            if (changed) {
                audit.record(actor, "enrollment.set", AuditTrail.DONE, "course_user", course + "/" + user + "/" + role.value(), null);
            }
            return new IdempotentWrites.Result(200, null, new EnrollmentView(course.toString(), user.toString(), role.value(), changed));
        }).map(RecordedResponse::toResponseEntity);
    }

    @DeleteMapping(path = "/courses/{courseId}/enrollments/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> unenroll(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                          @PathVariable String courseId, @PathVariable String userId) {
        AccessDeniedException.require(actor, Capability.MANAGE_COURSES);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        UUID course = uuid("courseId", courseId);
        UserId user = UserDirectory.parse(userId);
        String path = "/courses/" + course + "/enrollments/" + user;
        return writes.execute(actor, idempotencyKey, "DELETE", path, null, () -> {
            courses.requireManager(actor, course);
            boolean changed = jdbc.update("DELETE FROM enrollments WHERE tenant_id = ? AND course_id = ? AND user_id = ?",
                    actor.tenantId().value(), course, user.value()) == 1;
            if (changed) {
                audit.record(actor, "enrollment.removed", AuditTrail.DONE, "course_user", course + "/" + user, null);
            }
            return new IdempotentWrites.Result(200, null, new EnrollmentView(course.toString(), user.toString(), null, changed));
        }).map(RecordedResponse::toResponseEntity);
    }

    /** Enrols or changes the role; returns whether anything changed. */
    private boolean enroll(Actor actor, UUID course, UserId user, Role role, Timestamp now) {
        return jdbc.update("""
                        INSERT INTO enrollments (tenant_id, course_id, user_id, role, enrolled_at, enrolled_by)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, course_id, user_id) DO UPDATE SET role = EXCLUDED.role,
                            enrolled_at = EXCLUDED.enrolled_at, enrolled_by = EXCLUDED.enrolled_by
                        WHERE enrollments.role <> EXCLUDED.role""",
                actor.tenantId().value(), course, user.value(), role.value(), now, actor.subject()) == 1;
    }


    private static UUID uuid(String name, String text) {
        try {
            UUID value = UUID.fromString(text);
            if (value.toString().equalsIgnoreCase(text)) {
                return value;
            }
        } catch (IllegalArgumentException | NullPointerException ignored) {
            // reported below
        }
        throw new RequestRejectedException(ErrorCode.VALIDATION_FAILED, name + " must be a UUID");
    }

    record TitleRequest(@NotBlank @PlainText(max = 200)
                        String title) {
    }

    record LessonRequest(@NotBlank String courseId,
                         @NotBlank @PlainText(max = 200)
                         String title) {
    }

    record EnrollmentRequest(@NotBlank String role) {
    }

    record CourseView(String courseId, String title) {
    }

    record LessonView(String lessonId, String courseId, String title) {
    }

    /** {@code changed} is false when the user already had that role in the course (or was not enrolled). */
    record EnrollmentView(String courseId, String userId, String role, boolean changed) {
    }
}
