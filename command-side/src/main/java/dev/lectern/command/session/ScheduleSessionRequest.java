package dev.lectern.command.session;

import dev.lectern.command.web.PlainText;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;

/**
 * Body of {@code POST /sessions}. Free text is length-limited and may not hold control characters.
 * {@code lessonId} is optional: a class for a lesson is visible to that course's roster.
 */
record ScheduleSessionRequest(
        @NotBlank @PlainText(max = ScheduleSessionCommand.MAX_TITLE_LENGTH)
        String title,

        @NotNull Instant startsAt,

        @NotNull @Min(1) @Max(ScheduleSessionCommand.MAX_DURATION_MINUTES)
        Integer durationMinutes,

        Boolean recordingEnabled,

        @Pattern(regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", message = "must be a UUID")
        String lessonId) {

    LessonId lesson() {
        return lessonId == null ? null : LessonId.of(UUID.fromString(lessonId));
    }

    ScheduleSessionCommand toCommand(SessionId sessionId, TenantId tenantId, UserId scheduledBy, CourseId courseId) {
        return new ScheduleSessionCommand(
                sessionId,
                tenantId,
                title,
                startsAt,
                durationMinutes,
                Boolean.TRUE.equals(recordingEnabled),
                scheduledBy,
                lesson(),
                courseId);
    }
}
