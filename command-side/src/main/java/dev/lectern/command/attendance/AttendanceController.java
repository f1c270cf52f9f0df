package dev.lectern.command.attendance;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.SessionWrites;
import dev.lectern.events.attendance.LeaveSessionCommand;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Joining and leaving a class ({@code POST /sessions/{id}/join}, {@code .../leave}). Idempotent with their key,
 * like every class write ({@link SessionWrites}); what a join hands out is {@link Joining}'s.
 */
@RestController
class AttendanceController {

    private final SessionWrites writes;
    private final Joining joining;
    private final CommandDispatcher commands;

    AttendanceController(SessionWrites writes, Joining joining, CommandDispatcher commands) {
        this.writes = writes;
        this.joining = joining;
        this.commands = commands;
    }

    @PostMapping(path = "/sessions/{sessionId}/join", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> join(Actor actor, IdempotencyKey key, @PathVariable String sessionId) {
        return writes.run(
                actor,
                key,
                Capability.JOIN_SESSION,
                "POST",
                sessionId,
                "/join",
                null,
                (id, k) -> new IdempotentWrites.Result(200, null, joining.join(actor, id, k)));
    }

    @PostMapping(path = "/sessions/{sessionId}/leave", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> leave(Actor actor, IdempotencyKey key, @PathVariable String sessionId) {
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/leave", null, (id, k) -> {
            Boolean changed = commands.send(new LeaveSessionCommand(id, actor), k);
            return new IdempotentWrites.Result(200, null, new LeaveView(id.toString(), Boolean.TRUE.equals(changed)));
        });
    }

    record LeaveView(String sessionId, boolean changed) {}
}
