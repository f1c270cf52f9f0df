package dev.lectern.command.studio;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.web.Writes;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Moves the class to a page of one of its decks ({@code slide.changed}). The Session aggregate checks
 * that the deck is the class's and the page within it; {@link Presenting} checks who may present first.
 */
@RestController
class SlideController {

    private final Writes writes;
    private final Presenting presenting;

    SlideController(Writes writes, Presenting presenting) {
        this.writes = writes;
        this.presenting = presenting;
    }

    @PostMapping(
            path = "/sessions/{sessionId}/slides",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> change(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody Presenting.SlideRequest request) {
        SessionId session = SessionPaths.parse(sessionId);
        // Who may present is decided per class (Presenters), after the key and before the transaction.
        Writes.Write write = writes.keyed(actor, key);
        return presenting.changeSlide(write, session, request).map(RecordedResponse::toResponseEntity);
    }
}
