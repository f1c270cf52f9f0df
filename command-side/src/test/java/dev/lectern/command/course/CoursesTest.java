package dev.lectern.command.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lectern.command.identity.AuditTrail;
import dev.lectern.command.identity.UserDirectory;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CoursesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final CourseDirectory directory = mock(CourseDirectory.class);
    private final UserDirectory users = mock(UserDirectory.class);
    private final AuditTrail audit = mock(AuditTrail.class);
    private final Courses courses = new Courses(directory, users, audit, Clock.fixed(NOW, ZoneOffset.UTC));

    private final Actor teacher =
            new Actor(TenantId.of("north-high"), "teacher-1", UserId.random(), Set.of(Role.TEACHER));
    private final Actor admin = new Actor(TenantId.of("north-high"), "admin-1", UserId.random(), Set.of(Role.ADMIN));

    @Test
    void aTeacherWhoCreatesACourseIsItsFirstTeacher() {
        Courses.CourseView course = courses.createCourse(teacher, "Physics");

        CourseId id = CourseId.of(UUID.fromString(course.courseId()));
        verify(directory).addCourse(teacher, id, "Physics", NOW);
        verify(directory).enroll(teacher, id, teacher.userId(), Role.TEACHER, NOW);
        verify(audit).record(teacher, "course.created", AuditTrail.DONE, "course", id.toString(), null);
    }

    @Test
    void anAdminWhoCreatesACourseIsNotEnrolled() {
        courses.createCourse(admin, "Physics");

        verify(directory, never()).enroll(any(), any(), any(), any(), any());
    }

    @Test
    void onlyACoursesManagerEnrolsAndNothingIsWrittenOtherwise() {
        CourseId course = CourseId.random();
        UserId student = UserId.random();
        doThrow(new RequestRejectedException(ErrorCode.FORBIDDEN, "not yours"))
                .when(directory)
                .requireManager(teacher, course);

        assertThatThrownBy(() -> courses.enroll(teacher, course, student, Role.STUDENT))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        verify(directory, never()).enroll(any(), any(), any(), any(), any());
        verify(audit, never()).record(any(), anyString(), anyString(), anyString(), anyString(), any());
    }

    @Test
    void anEnrolmentThatChangesNothingIsNotAudited() {
        CourseId course = CourseId.random();
        UserId student = UserId.random();
        when(directory.enroll(admin, course, student, Role.STUDENT, NOW)).thenReturn(false);

        Courses.EnrollmentView view = courses.enroll(admin, course, student, Role.STUDENT);

        assertThat(view.changed()).isFalse();
        verify(users).requireUser(admin, student);
        verify(audit, never()).record(eq(admin), eq("enrollment.set"), anyString(), anyString(), anyString(), any());
    }
}
