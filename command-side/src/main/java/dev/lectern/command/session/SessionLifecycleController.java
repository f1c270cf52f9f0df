package dev.lectern.command.session;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.PlainText;
import dev.lectern.command.web.SessionWrites;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.session.CancelSessionCommand;
import dev.lectern.events.session.EndSessionCommand;
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
import java.time.Instant;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The lifecycle of a class (seed 001 diagrams 1 and 5): reschedule, cancel, start ("go live"), end. Every call is
 * idempotent with its key and lands in session_state_events before anyone is told; the Session aggregate rejects
 * illegal transitions with 409. Joining and leaving are attendance's (AttendanceController).
 */
@RestController
class SessionLifecycleController {

    private final SessionWrites writes;
    private final CommandDispatcher commands;

    SessionLifecycleController(SessionWrites writes, CommandDispatcher commands) {
        this.writes = writes;
        this.commands = commands;
    }

    @PostMapping(path = "/sessions/{sessionId}/start", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> start(Actor actor, IdempotencyKey key, @PathVariable String sessionId) {
        return run(actor, key, sessionId, "start", null, id -> new StartSessionCommand(id, actor), "live");
    }

    /** The seed's path: {@code POST /sessions/start} with the session id in the body. */
    @PostMapping(
            path = "/sessions/start",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> startBySeedPath(
            Actor actor, IdempotencyKey key, @Valid @RequestBody StartRequest request) {
        return start(actor, key, request.sessionId());
    }

    @PostMapping(path = "/sessions/{sessionId}/end", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> end(Actor actor, IdempotencyKey key, @PathVariable String sessionId) {
        return run(actor, key, sessionId, "end", null, id -> new EndSessionCommand(id, actor), "ended");
    }

    @PostMapping(
            path = "/sessions/{sessionId}/cancel",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> cancel(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody CancelRequest request) {
        String reason = request.reason() == null || request.reason().isBlank()
                ? null
                : request.reason().strip();
        return run(
                actor,
                key,
                sessionId,
                "cancel",
                request,
                id -> new CancelSessionCommand(id, actor, reason),
                "cancelled");
    }

    @PostMapping(
            path = "/sessions/{sessionId}/reschedule",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> reschedule(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody RescheduleRequest request) {
        return run(
                actor,
                key,
                sessionId,
                "reschedule",
                request,
                id -> new RescheduleSessionCommand(
                        id, actor, request.title(), request.startsAt(), request.durationMinutes()),
                "scheduled");
    }

    private Mono<ResponseEntity<byte[]>> run(
            Actor actor,
            IdempotencyKey key,
            String sessionId,
            String step,
            Object request,
            Function<SessionId, Object> command,
            String status) {
        return writes.run(actor, key, Capability.RUN_SESSION, "POST", sessionId, "/" + step, request, (id, k) -> {
            commands.send(command.apply(id), k);
            return new IdempotentWrites.Result(200, null, new StatusView(id.toString(), status));
        });
    }

    record StartRequest(@NotBlank String sessionId) {}

    record CancelRequest(
            @PlainText(max = 500, multiLine = true) String reason) {}

    /** {@code title} is optional; when given it must hold a visible character (blank is a 400, not a 500). */
    record RescheduleRequest(
            @PlainText(min = 1, max = ScheduleSessionCommand.MAX_TITLE_LENGTH)
            @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String title,

            @NotNull Instant startsAt,

            @Min(1) @Max(ScheduleSessionCommand.MAX_DURATION_MINUTES)
            int durationMinutes) {}

    record StatusView(String sessionId, String status) {}
}
