package dev.lectern.command.session;

import dev.lectern.command.course.CourseDirectory;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Scheduling a class, inside the write's transaction (docs/adr/0020-thin-controllers-one-write-path.md): a class for
 * a lesson belongs to the lesson's course, and only that course's teachers or an admin schedule it.
 */
@Service
class SessionScheduling {

    private final CommandDispatcher commands;
    private final CourseDirectory courses;

    SessionScheduling(CommandDispatcher commands, CourseDirectory courses) {
        this.commands = commands;
        this.courses = courses;
    }

    ScheduledSessionResponse schedule(Actor actor, ScheduleSessionRequest request, IdempotencyKey key) {
        TenantId tenantId = actor.tenantId();
        CourseId courseId = null;
        if (request.lesson() != null) {
            courseId = courses.courseOfLesson(actor, request.lesson());
            courses.requireManager(actor, courseId);
        }
        SessionId sessionId = SessionId.random();
        commands.send(request.toCommand(sessionId, tenantId, actor.userId(), courseId), key);
        String self = "/sessions/" + sessionId;
        return new ScheduledSessionResponse(
                sessionId.value().toString(),
                tenantId.value(),
                "scheduled",
                request.title().strip(),
                request.startsAt(),
                request.durationMinutes(),
                Boolean.TRUE.equals(request.recordingEnabled()),
                Map.of("self", self, "events", self + "/events"));
    }

    record ScheduledSessionResponse(
            String sessionId,
            String tenantId,
            String status,
            String title,
            Instant startsAt,
            int durationMinutes,
            boolean recordingEnabled,
            Map<String, String> links) {}
}
