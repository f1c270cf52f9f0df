package dev.lectern.platform.security;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.TokenLifetime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /sessions/{id}/stream-tickets}: a short-lived ticket that opens this class's stream without an
 * Authorization header ({@code GET /sessions/{id}/stream?ticket=...}), for a browser's EventSource
 * (docs/adr/0024-browser-access.md).
 */
@RestController
class StreamTicketController {

    private final StreamTickets tickets;

    StreamTicketController(StreamTickets tickets) {
        this.tickets = tickets;
    }

    @PostMapping(path = "/sessions/{sessionId}/stream-tickets", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> issue(
            Actor actor, TokenLifetime token, @PathVariable String sessionId, IdempotencyKey key) {
        return tickets.issue(actor, token, sessionId, key);
    }
}
