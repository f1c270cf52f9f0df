package dev.lectern.command.course;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.identity.UserDirectory;
import dev.lectern.command.web.PlainText;
import dev.lectern.command.web.Writes;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Courses, lessons and the course roster (seed 001 {@code POST /courses}, {@code POST /lessons}). HTTP only: who
 * may change a course and what is audited is {@link Courses}'s; every write runs on the one write path ({@link Writes}).
 */
@RestController
class CourseController {

    private static final Set<Role> ENROLLABLE =
            EnumSet.of(Role.TEACHER, Role.ASSISTANT, Role.STUDENT, Role.PUBLIC_VIEWER);

    private final Writes writes;
    private final Courses courses;

    CourseController(Writes writes, Courses courses) {
        this.writes = writes;
        this.courses = courses;
    }

    /** A teacher who creates a course is its first teacher. */
    @PostMapping(
            path = "/courses",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> createCourse(
            Actor actor, IdempotencyKey key, @Valid @RequestBody TitleRequest request) {
        return writes.authorize(actor, Capability.MANAGE_COURSES, key).run("POST", "/courses", request, () -> {
            Courses.CourseView course =
                    courses.createCourse(actor, request.title().strip());
            return new IdempotentWrites.Result(201, "/courses/" + course.courseId(), course);
        });
    }

    @PostMapping(
            path = "/lessons",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> createLesson(
            Actor actor, IdempotencyKey key, @Valid @RequestBody LessonRequest request) {
        Writes.Write write = writes.authorize(actor, Capability.MANAGE_COURSES, key);
        CourseId courseId = CourseId.of(uuid("courseId", request.courseId()));
        return write.run("POST", "/lessons", request, () -> {
            Courses.LessonView lesson =
                    courses.createLesson(actor, courseId, request.title().strip());
            return new IdempotentWrites.Result(201, "/lessons/" + lesson.lessonId(), lesson);
        });
    }

    @PutMapping(
            path = "/courses/{courseId}/enrollments/{userId}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> enroll(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String courseId,
            @PathVariable String userId,
            @Valid @RequestBody EnrollmentRequest request) {
        Writes.Write write = writes.authorize(actor, Capability.MANAGE_COURSES, key);
        CourseId course = CourseId.of(uuid("courseId", courseId));
        UserId user = UserDirectory.parse(userId);
        Role role = Role.parse(request.role())
                .filter(ENROLLABLE::contains)
                .orElseThrow(() -> new RequestRejectedException(
                        ErrorCode.VALIDATION_FAILED, "role must be one of teacher, assistant, student, public_viewer"));
        return write.run(
                "PUT",
                "/courses/" + course + "/enrollments/" + user,
                request,
                () -> new IdempotentWrites.Result(200, null, courses.enroll(actor, course, user, role)));
    }

    @DeleteMapping(path = "/courses/{courseId}/enrollments/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> unenroll(
            Actor actor, IdempotencyKey key, @PathVariable String courseId, @PathVariable String userId) {
        Writes.Write write = writes.authorize(actor, Capability.MANAGE_COURSES, key);
        CourseId course = CourseId.of(uuid("courseId", courseId));
        UserId user = UserDirectory.parse(userId);
        return write.run(
                "DELETE",
                "/courses/" + course + "/enrollments/" + user,
                null,
                () -> new IdempotentWrites.Result(200, null, courses.unenroll(actor, course, user)));
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

    record TitleRequest(@NotBlank @PlainText(max = 200) String title) {}

    record LessonRequest(
            @NotBlank String courseId,
            @NotBlank @PlainText(max = 200) String title) {}

    record EnrollmentRequest(@NotBlank String role) {}
}
