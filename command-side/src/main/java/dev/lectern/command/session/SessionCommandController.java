package dev.lectern.command.session;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.Writes;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Scheduling a class session. The tenant comes from the verified token, never from the request. */
@RestController
class SessionCommandController {

    private final Writes writes;
    private final SessionScheduling scheduling;

    SessionCommandController(Writes writes, SessionScheduling scheduling) {
        this.writes = writes;
        this.scheduling = scheduling;
    }

    @PostMapping(
            path = {"/sessions", "/lesson-runs"},
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> schedule(
            Actor actor, IdempotencyKey key, @Valid @RequestBody ScheduleSessionRequest request) {
        Writes.Write write = writes.authorize(actor, Capability.SCHEDULE_SESSION, key);
        // Both paths are one request for the key: the fingerprint names /sessions.
        return write.run("POST", "/sessions", request, () -> {
            SessionScheduling.ScheduledSessionResponse scheduled = scheduling.schedule(actor, request, write.key());
            return new IdempotentWrites.Result(
                    HttpStatus.CREATED.value(), scheduled.links().get("self"), scheduled);
        });
    }
}
