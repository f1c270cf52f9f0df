package dev.lectern.events.query;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import java.time.Instant;
import java.util.UUID;

/** The {@code sessions} read model as clients see it. */
public record SessionView(
        UUID sessionId,
        String tenantId,
        String title,
        String status,
        Instant startsAt,
        int durationMinutes,
        boolean recordingEnabled,
        Instant scheduledAt,
        long lastEventPosition,
        LessonId lessonId,
        CourseId courseId,
        Instant startedAt,
        Instant endedAt) {}
