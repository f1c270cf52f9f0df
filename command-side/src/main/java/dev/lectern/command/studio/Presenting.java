package dev.lectern.command.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.TextParameters;
import dev.lectern.command.web.Writes;
import dev.lectern.events.error.DomainError;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.input.FreeText;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.storage.ObjectStorage;
import dev.lectern.events.studio.AddDeckCommand;
import dev.lectern.events.studio.ChangeSlideCommand;
import dev.lectern.events.studio.DeckId;
import dev.lectern.events.studio.DeckObjects;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a presenter does: upload a slide deck (seed 004) and move the class to one of its pages. Both are
 * for this class's teacher, an admin, or a participant given the present permission ({@link Presenters}),
 * checked before anything is read or rendered. A deck is checked, stored, rendered to one PNG per page with
 * its text, and only then recorded as {@code deck.added} on the class: rendering is CPU work and runs on a
 * worker before the write's transaction, so no database connection waits on it. Layout in the bucket:
 * {@link DeckObjects}. Limits: {@link DeckLimits}.
 */
@Service
class Presenting {

    private static final Logger log = LoggerFactory.getLogger(Presenting.class);

    private static final int MAX_TITLE_LENGTH = 200;

    private final CommandDispatcher commands;
    private final ObjectStorage storage;
    private final Presenters presenters;
    private final ObjectMapper json;
    private final DeckLimits limits = DeckLimits.DEFAULT;
    private final DeckRenderer renderer = new DeckRenderer(limits);

    Presenting(CommandDispatcher commands, ObjectStorage storage, Presenters presenters, ObjectMapper json) {
        this.commands = commands;
        this.storage = storage;
        this.presenters = presenters;
        this.json = json;
    }

    /** What the client sent, still unchecked. */
    record Upload(byte[] content, MediaType contentType, String filename, String title) {}

    record SlideRequest(
            @NotNull UUID deckId,
            @NotNull @Min(1) @Max(DeckLimits.MAX_PAGES) Integer page) {}

    record SlideView(String sessionId, DeckId deckId, int page) {}

    /** A rendered, stored deck, ready to be recorded. {@code request} is what the idempotency key is bound to. */
    record Prepared(
            DeckObjects objects,
            String title,
            DeckRenderer.RenderedDeck deck,
            UploadFingerprint request,
            List<String> storedKeys) {}

    /** The request as the idempotency fingerprint sees it: the same file and title is the same request. */
    record UploadFingerprint(String title, String sha256, long size) {}

    record PageView(int page, String title, boolean rendered) {}

    record DeckView(DeckId deckId, String title, int pageCount, int renderedPages, List<PageView> pages) {}

    /** {@code upload} is read only once the actor may present in the class. */
    Mono<RecordedResponse> addDeck(Writes.Write write, SessionId session, Mono<Upload> upload) {
        Actor actor = write.actor();
        return presenters
                .require(actor, session)
                .then(upload)
                .flatMap(content -> Mono.fromCallable(() -> prepare(actor, session, write.key(), content))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(prepared -> record(write, session, prepared));
    }

    /** The Session aggregate checks that the deck is the class's and the page within it. */
    Mono<RecordedResponse> changeSlide(Writes.Write write, SessionId session, SlideRequest request) {
        return presenters
                .require(write.actor(), session)
                .then(write.record("POST", "/sessions/" + session + "/slides", request, () -> {
                    commands.send(
                            new ChangeSlideCommand(session, write.actor(), DeckId.of(request.deckId()), request.page()),
                            write.key());
                    return new IdempotentWrites.Result(
                            200, null, new SlideView(session.toString(), DeckId.of(request.deckId()), request.page()));
                }));
    }

    /** Validates, renders and stores: blocking, on a worker. Nothing is recorded yet. */
    private Prepared prepare(Actor actor, SessionId session, IdempotencyKey key, Upload upload)
            throws JsonProcessingException {
        if (upload.content().length > limits.maxBytes()) {
            throw tooLarge(limits);
        }
        String requestedTitle = requestedTitle(upload.title());
        DeckRenderer.requirePdfSignature(upload.content());
        UploadFingerprint request =
                new UploadFingerprint(requestedTitle, sha256(upload.content()), upload.content().length);
        DeckRenderer.RenderedDeck deck = renderer.render(upload.content());
        String title = requestedTitle != null ? requestedTitle : defaultTitle(deck.documentTitle(), upload.filename());
        // A retry with the same key and file writes the same objects again instead of leaving copies behind.
        DeckId deckId = DeckId.of(UUID.nameUUIDFromBytes(String.join(
                        "\0",
                        actor.tenantId().value(),
                        actor.subject(),
                        key.value(),
                        request.sha256(),
                        String.valueOf(requestedTitle))
                .getBytes(StandardCharsets.UTF_8)));
        DeckObjects objects = new DeckObjects(actor.tenantId(), session, deckId);
        List<String> stored = new java.util.ArrayList<>();
        storage.put(objects.original(), upload.content(), MediaType.APPLICATION_PDF_VALUE);
        stored.add(objects.original());
        List<Map<String, Object>> texts = new java.util.ArrayList<>();
        for (DeckRenderer.Page page : deck.pages()) {
            if (page.rendered()) {
                storage.put(objects.page(page.number()), page.png(), MediaType.IMAGE_PNG_VALUE);
                stored.add(objects.page(page.number()));
            }
            Map<String, Object> text = new LinkedHashMap<>();
            text.put("page", page.number());
            text.put("title", page.title());
            text.put("rendered", page.rendered());
            text.put("text", page.text());
            texts.add(text);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("deckId", deckId);
        document.put("title", title);
        document.put("pageCount", deck.pageCount());
        document.put("pages", texts);
        storage.put(objects.text(), json.writeValueAsBytes(document), MediaType.APPLICATION_JSON_VALUE);
        stored.add(objects.text());
        return new Prepared(objects, title, deck, request, List.copyOf(stored));
    }

    private Mono<RecordedResponse> record(Writes.Write write, SessionId session, Prepared prepared) {
        DeckRenderer.RenderedDeck deck = prepared.deck();
        List<String> titles =
                deck.pages().stream().map(DeckRenderer.Page::title).toList();
        DeckId deckId = prepared.objects().deckId();
        return write.record("POST", "/sessions/" + session + "/decks", prepared.request(), () -> {
                    commands.send(
                            new AddDeckCommand(
                                    session,
                                    write.actor(),
                                    deckId,
                                    prepared.title(),
                                    deck.pageCount(),
                                    deck.renderedPages(),
                                    prepared.objects().original(),
                                    titles),
                            write.key());
                    return new IdempotentWrites.Result(
                            201,
                            null,
                            new DeckView(
                                    deckId,
                                    prepared.title(),
                                    deck.pageCount(),
                                    deck.renderedPages(),
                                    deck.pages().stream()
                                            .map(p -> new PageView(p.number(), p.title(), p.rendered()))
                                            .toList()));
                })
                .onErrorResume(failure -> {
                    if (refused(failure)) {
                        // The class said no (ended, not theirs, key reused): what was stored for this attempt is
                        // nobody's.
                        return Mono.fromRunnable(() -> forget(prepared.storedKeys()))
                                .subscribeOn(Schedulers.boundedElastic())
                                .then(Mono.error(failure));
                    }
                    return Mono.error(failure);
                });
    }

    private void forget(List<String> keys) {
        for (String key : keys) {
            try {
                storage.delete(key);
            } catch (RuntimeException e) {
                log.warn("Could not remove {} of a refused deck upload: {}", key, e.toString());
            }
        }
    }

    private static boolean refused(Throwable failure) {
        // A key row that changed under us may belong to a concurrent, successful attempt with the same objects.
        Optional<DomainError> refusal = DomainError.in(failure);
        if (refusal.isPresent()) {
            return refusal.get().code() != ErrorCode.CONCURRENT_MODIFICATION;
        }
        // A command whose handler failed otherwise appended nothing either.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandExecutionException) {
                return true;
            }
        }
        return false;
    }

    private static String requestedTitle(String title) {
        return TextParameters.optional("title", title, MAX_TITLE_LENGTH, false);
    }

    private static String defaultTitle(String documentTitle, String filename) {
        if (documentTitle != null && !documentTitle.isBlank()) {
            return DeckRenderer.truncate(FreeText.replaceRefused(documentTitle).strip(), MAX_TITLE_LENGTH);
        }
        if (filename != null && !filename.isBlank()) {
            String name = FreeText.replaceRefused(filename.replaceAll("(?i)\\.pdf$", ""))
                    .strip();
            if (!name.isEmpty()) {
                return DeckRenderer.truncate(name, MAX_TITLE_LENGTH);
            }
        }
        return "Slides";
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static RequestRejectedException tooLarge(DeckLimits limits) {
        return new RequestRejectedException(
                ErrorCode.PAYLOAD_TOO_LARGE, "A deck may be at most " + limits.maxBytes() / (1024 * 1024) + " MB");
    }
}
