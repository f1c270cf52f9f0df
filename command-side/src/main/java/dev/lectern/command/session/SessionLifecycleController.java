package dev.lectern.command.session;

import dev.lectern.command.web.SessionPaths;

import dev.lectern.command.web.PlainText;
import dev.lectern.command.course.CourseDirectory;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.media.JoinCredentials;
import dev.lectern.events.session.MediaGrants;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.session.CancelSessionCommand;
import dev.lectern.events.session.EndSessionCommand;
import dev.lectern.events.attendance.JoinResult;
import dev.lectern.events.attendance.JoinSessionCommand;
import dev.lectern.events.attendance.LeaveSessionCommand;
import dev.lectern.events.session.RescheduleSessionCommand;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.StartSessionCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.function.Function;

/**
 * The lifecycle of a class (seed 001 diagrams 1, 2 and 5): reschedule, cancel, start ("go live"),
 * join, leave, end. Every call is idempotent with its key and lands in session_state_events before
 * anyone is told; the Session aggregate rejects illegal transitions with 409.
 */
@RestController
class SessionLifecycleController {

    private final IdempotentWrites writes;
    private final CommandDispatcher commands;
    private final CourseDirectory courses;
    private final MediaPlane media;

    SessionLifecycleController(IdempotentWrites writes, CommandDispatcher commands, CourseDirectory courses, MediaPlane media) {
        this.writes = writes;
        this.commands = commands;
        this.courses = courses;
        this.media = media;
    }

    @PostMapping(path = "/sessions/{sessionId}/start", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> start(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                       @PathVariable String sessionId) {
        return run(actor, key, sessionId, "start", Capability.RUN_SESSION, null,
                id -> new StartSessionCommand(id, actor), "live");
    }

    /** The seed's path: {@code POST /sessions/start} with the session id in the body. */
    @PostMapping(path = "/sessions/start", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> startBySeedPath(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                                 @Valid @RequestBody StartRequest request) {
        return start(actor, key, request.sessionId());
    }

    @PostMapping(path = "/sessions/{sessionId}/end", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> end(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                     @PathVariable String sessionId) {
        return run(actor, key, sessionId, "end", Capability.RUN_SESSION, null, id -> new EndSessionCommand(id, actor), "ended");
    }

    @PostMapping(path = "/sessions/{sessionId}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> cancel(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                        @PathVariable String sessionId, @Valid @RequestBody CancelRequest request) {
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        return run(actor, key, sessionId, "cancel", Capability.RUN_SESSION, request,
                id -> new CancelSessionCommand(id, actor, reason), "cancelled");
    }

    @PostMapping(path = "/sessions/{sessionId}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> reschedule(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                            @PathVariable String sessionId, @Valid @RequestBody RescheduleRequest request) {
        return run(actor, key, sessionId, "reschedule", Capability.RUN_SESSION, request,
                id -> new RescheduleSessionCommand(id, actor, request.title(), request.startsAt(), request.durationMinutes()),
                "scheduled");
    }

    /**
     * Join (diagram 2): the class role comes from the roster and the aggregate; the media token is signed
     * here with exactly the grants that role and the class permissions give. Media off: no token, says so.
     */
    @PostMapping(path = "/sessions/{sessionId}/join", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> join(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                      @PathVariable String sessionId) {
        AccessDeniedException.require(actor, Capability.JOIN_SESSION);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId id = SessionPaths.parse(sessionId);
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + id + "/join", null, () -> {
            JoinResult joined = commands.send(new JoinSessionCommand(id, actor, courses.enrollmentsOf(actor)), idempotencyKey);
            JoinCredentials credentials = joined.mediaRoom() == null ? new JoinCredentials(null, null)
                    : media.credentials(joined.mediaRoom(), actor.userId().toString(), actor.subject(), joined.grants());
            return new IdempotentWrites.Result(200, null, new JoinView(id.toString(), joined.classRole(),
                    joined.mediaRoom() == null ? "off" : "on", credentials.url(), credentials.token(), joined.grants(),
                    joined.alreadyJoined()));
        }).map(RecordedResponse::toResponseEntity);
    }

    @PostMapping(path = "/sessions/{sessionId}/leave", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> leave(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                       @PathVariable String sessionId) {
        AccessDeniedException.require(actor, Capability.JOIN_SESSION);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId id = SessionPaths.parse(sessionId);
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + id + "/leave", null, () -> {
            Boolean changed = commands.send(new LeaveSessionCommand(id, actor), idempotencyKey);
            return new IdempotentWrites.Result(200, null, new LeaveView(id.toString(), Boolean.TRUE.equals(changed)));
        }).map(RecordedResponse::toResponseEntity);
    }

    private Mono<ResponseEntity<byte[]>> run(Actor actor, String key, String sessionId, String step, Capability capability,
                                             Object request, Function<SessionId, Object> command, String status) {
        AccessDeniedException.require(actor, capability);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId id = SessionPaths.parse(sessionId);
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + id + "/" + step, request, () -> {
            commands.send(command.apply(id), idempotencyKey);
            return new IdempotentWrites.Result(200, null, new StatusView(id.toString(), status));
        }).map(RecordedResponse::toResponseEntity);
    }


    record StartRequest(@NotBlank String sessionId) {
    }

    record CancelRequest(@PlainText(max = 500, multiLine = true)
                         String reason) {
    }

    /** {@code title} is optional; when given it must hold a visible character (blank is a 400, not a 500). */
    record RescheduleRequest(@PlainText(min = 1, max = ScheduleSessionCommand.MAX_TITLE_LENGTH)
                             @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
                             @NotNull Instant startsAt,
                             @Min(1) @Max(ScheduleSessionCommand.MAX_DURATION_MINUTES) int durationMinutes) {
    }

    record StatusView(String sessionId, String status) {
    }

    /** {@code media} is "off" when the platform runs without a media plane; then url and token are absent. */
    record JoinView(String sessionId, String classRole, String media, String livekitUrl, String token, MediaGrants grants,
                    boolean alreadyJoined) {
    }

    record LeaveView(String sessionId, boolean changed) {
    }
}
