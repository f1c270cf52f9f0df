package dev.lectern.query.studio;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.storage.ObjectStorage;
import dev.lectern.events.studio.DeckId;
import dev.lectern.events.studio.DeckObjects;
import dev.lectern.query.access.ClassAccess;
import dev.lectern.query.web.PathIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A short-lived signed link to one rendered page of a class's deck. Images never pass through
 * Lectern: clients fetch them from object storage with the link. The deck must be one the class
 * recorded ({@code deck.added}, as the studio read model has it:
 * docs/adr/0023-query-side-read-models-for-studio.md); a page that failed to render has no image and
 * answers 404, and clients keep showing the last slide they had (seed 004).
 */
@RestController
class DeckPageController {

    static final Duration LINK_TTL = Duration.ofMinutes(5);

    private final ClassAccess access;
    private final StudioViewRepository studio;
    private final ObjectStorage storage;
    private final Clock clock;

    DeckPageController(ClassAccess access, StudioViewRepository studio, ObjectStorage storage, Clock clock) {
        this.access = access;
        this.studio = studio;
        this.storage = storage;
        this.clock = clock;
    }

    record PageLink(String url, Instant expiresAt) {}

    @GetMapping(path = "/sessions/{sessionId}/decks/{deckId}/pages/{page}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PageLink>> page(
            Actor actor, @PathVariable String sessionId, @PathVariable String deckId, @PathVariable String page) {
        SessionId session = PathIds.session(sessionId);
        DeckId deck = DeckId.of(PathIds.uuid("deckId", deckId));
        int number = pageNumber(page);
        DeckObjects objects = new DeckObjects(actor.tenantId(), session, deck);
        return access.check(actor, session)
                .map(granted -> granted.viewer().classRole())
                .then(studio.pageCount(actor.tenantId(), session, deck))
                .switchIfEmpty(Mono.error(
                        () -> new RequestRejectedException(ErrorCode.DECK_NOT_FOUND, "This class has no deck " + deck)))
                .flatMap(pageCount -> {
                    if (number > pageCount) {
                        return Mono.error(new RequestRejectedException(
                                ErrorCode.DECK_NOT_FOUND, "The deck has " + pageCount + " pages"));
                    }
                    // A metadata request to the store (blocking SDK call), then a local signature.
                    return Mono.fromCallable(() -> storage.exists(objects.page(number)))
                            .subscribeOn(Schedulers.boundedElastic());
                })
                .map(exists -> {
                    if (!exists) {
                        throw new RequestRejectedException(
                                ErrorCode.DECK_NOT_FOUND,
                                "Page " + number + " could not be rendered; keep showing the last slide you have");
                    }
                    Instant expiresAt = clock.instant().plus(LINK_TTL);
                    String url =
                            storage.presignedGet(objects.page(number), LINK_TTL).toString();
                    return ResponseEntity.ok()
                            .cacheControl(CacheControl.noStore())
                            .body(new PageLink(url, expiresAt));
                });
    }

    private static int pageNumber(String text) {
        try {
            int page = Integer.parseInt(text);
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RequestRejectedException(ErrorCode.VALIDATION_FAILED, "page must be a whole number from 1");
    }
}
