package dev.lectern.command.studio;

import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.Writes;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.studio.ChangeSlideCommand;
import dev.lectern.events.session.SessionId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Moves the class to a page of one of its decks ({@code slide.changed}). The Session aggregate checks
 * that the deck is the class's and the page within it; the edge only checks shape and who may present.
 */
@RestController
class SlideController {

    private final Writes writes;
    private final CommandDispatcher commands;
    private final Presenters presenters;

    SlideController(Writes writes, CommandDispatcher commands, Presenters presenters) {
        this.writes = writes;
        this.commands = commands;
        this.presenters = presenters;
    }

    @PostMapping(path = "/sessions/{sessionId}/slides", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> change(Actor actor, IdempotencyKey key, @PathVariable String sessionId,
                                        @Valid @RequestBody SlideRequest request) {
        SessionId session = SessionPaths.parse(sessionId);
        // Who may present is decided per class (Presenters), after the key and before the transaction.
        Writes.Write write = writes.keyed(actor, key);
        return presenters.require(actor, session)
                         .then(write.run("POST", "/sessions/" + session + "/slides", request, () -> {
                             commands.send(new ChangeSlideCommand(session, actor, request.deckId(), request.page()),
                                     write.key());
                             return new IdempotentWrites.Result(200, null,
                                     new SlideView(session.toString(), request.deckId(), request.page()));
                         }));
    }

    record SlideRequest(@NotNull UUID deckId, @NotNull @Min(1) @Max(DeckLimits.MAX_PAGES) Integer page) {
    }

    record SlideView(String sessionId, UUID deckId, int page) {
    }
}
