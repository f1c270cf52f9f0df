package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A class was put on the calendar.
 *
 * <p>Revision 2 added {@code durationMinutes} and {@code recordingEnabled}; revision 3 added
 * {@code scheduledBy} (the teacher who owns the class) and {@code lessonId}/{@code courseId} (null for
 * an ad-hoc class that belongs to no lesson). Older payloads are upcast by
 * {@code SessionScheduledEventUpcaster} (60 minutes, not recorded, owner unknown).
 */
@EventName("session.scheduled")
@Revision("3")
public record SessionScheduledEvent(
        SessionId sessionId,
        TenantId tenantId,
        String title,
        Instant startsAt,
        int durationMinutes,
        boolean recordingEnabled,
        Instant scheduledAt,
        UserId scheduledBy,
        LessonId lessonId,
        CourseId courseId)
        implements SessionLifecycleEvent {}
