package dev.lectern.command.session;

import dev.lectern.command.course.CourseDirectory;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Write endpoints of a class session. The tenant comes from the verified token, never from the request. */
@RestController
class SessionCommandController {

    private final IdempotentWrites writes;
    private final CommandDispatcher commands;
    private final CourseDirectory courses;

    SessionCommandController(IdempotentWrites writes, CommandDispatcher commands, CourseDirectory courses) {
        this.writes = writes;
        this.commands = commands;
        this.courses = courses;
    }

    @PostMapping(path = {"/sessions", "/lesson-runs"}, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> schedule(Actor actor,
                                          @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                          @Valid @RequestBody ScheduleSessionRequest request) {
        AccessDeniedException.require(actor, Capability.SCHEDULE_SESSION);
        TenantId tenantId = actor.tenantId();
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        return writes.execute(actor, idempotencyKey, "POST", "/sessions", request, () -> {
            UUID courseId = null;
            if (request.lesson() != null) {
                courseId = courses.courseOfLesson(actor, request.lesson());
                courses.requireManager(actor, courseId);
            }
            SessionId sessionId = SessionId.random();
            commands.send(request.toCommand(sessionId, tenantId, actor.userId(), courseId), idempotencyKey);
            String self = "/sessions/" + sessionId;
            return new IdempotentWrites.Result(HttpStatus.CREATED.value(), self,
                    new ScheduledSessionResponse(sessionId.value().toString(), tenantId.value(), "scheduled",
                            request.title().strip(), request.startsAt(), request.durationMinutes(),
                            Boolean.TRUE.equals(request.recordingEnabled()),
                            Map.of("self", self, "events", self + "/events")));
        }).map(RecordedResponse::toResponseEntity);
    }

    record ScheduledSessionResponse(String sessionId, String tenantId, String status, String title, Instant startsAt,
                                    int durationMinutes, boolean recordingEnabled, Map<String, String> links) {
    }
}
