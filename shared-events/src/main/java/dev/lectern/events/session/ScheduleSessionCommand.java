package dev.lectern.events.session;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put a class on the calendar, optionally for a lesson of a course (both ids, checked against the
 * tenant's courses by the endpoint). Shape is validated here; invariants in the Session aggregate.
 */
public record ScheduleSessionCommand(
        @TargetAggregateIdentifier SessionId sessionId,
        TenantId tenantId,
        String title,
        Instant startsAt,
        int durationMinutes,
        boolean recordingEnabled,
        UserId scheduledBy,
        LessonId lessonId,
        CourseId courseId) {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_DURATION_MINUTES = 12 * 60;

    public ScheduleSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startsAt, "startsAt");
        if (title.isBlank() || title.length() > MAX_TITLE_LENGTH) {
            throw new IllegalArgumentException("title must be 1.." + MAX_TITLE_LENGTH + " characters");
        }
        if (durationMinutes < 1 || durationMinutes > MAX_DURATION_MINUTES) {
            throw new IllegalArgumentException("durationMinutes must be 1.." + MAX_DURATION_MINUTES);
        }
    }
}
