package dev.lectern.events.query;

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
        UUID lessonId,
        UUID courseId,
        Instant startedAt,
        Instant endedAt) {}
