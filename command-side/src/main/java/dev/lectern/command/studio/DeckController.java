package dev.lectern.command.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.Writes;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.input.FreeText;
import dev.lectern.command.web.TextParameters;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.studio.AddDeckCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.studio.DeckObjects;
import dev.lectern.events.storage.ObjectStorage;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Slide deck upload (seed 004): a PDF is checked, stored, rendered to one PNG per page with its text,
 * and only then recorded as {@code deck.added} on the class. Rendering is CPU work and runs on a worker
 * before the idempotent write's transaction, so no database connection waits on it; the transaction
 * only sends {@link AddDeckCommand}. Layout in the bucket: {@link DeckObjects}. Limits: {@link DeckLimits}.
 */
@RestController
class DeckController {

    private static final Logger log = LoggerFactory.getLogger(DeckController.class);

    /** Multipart boundaries and the title field around the file. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;
    private static final int MAX_TITLE_LENGTH = 200;

    private final Writes writes;
    private final CommandDispatcher commands;
    private final ObjectStorage storage;
    private final Presenters presenters;
    private final ObjectMapper json;
    private final DeckLimits limits = DeckLimits.DEFAULT;
    private final DeckRenderer renderer = new DeckRenderer(limits);

    DeckController(Writes writes, CommandDispatcher commands, ObjectStorage storage, Presenters presenters,
                   ObjectMapper json) {
        this.writes = writes;
        this.commands = commands;
        this.storage = storage;
        this.presenters = presenters;
        this.json = json;
    }

    @PostMapping(path = "/sessions/{sessionId}/decks", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> upload(Actor actor, IdempotencyKey key, @PathVariable String sessionId,
                                        ServerWebExchange exchange) {
        SessionId session = SessionPaths.parse(sessionId);
        // Who may present is decided per class (Presenters), after the key and before anything is read.
        Writes.Write write = writes.keyed(actor, key);
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limits.maxBytes() + MULTIPART_OVERHEAD) {
            throw tooLarge();
        }
        return presenters.require(actor, session)
                         .then(exchange.getMultipartData())
                         .flatMap(this::read)
                         .flatMap(upload -> Mono.fromCallable(() -> prepare(actor, session, write.key(), upload))
                                                .subscribeOn(Schedulers.boundedElastic()))
                         .flatMap(prepared -> record(write, session, prepared))
                         .map(RecordedResponse::toResponseEntity);
    }

    /** What the client sent, still unchecked. */
    record Upload(byte[] content, MediaType contentType, String filename, String title) {
    }

    /** A rendered, stored deck, ready to be recorded. {@code request} is what the idempotency key is bound to. */
    record Prepared(DeckObjects objects, String title, DeckRenderer.RenderedDeck deck, UploadFingerprint request,
                    List<String> storedKeys) {
    }

    /** The request as the idempotency fingerprint sees it: the same file and title is the same request. */
    record UploadFingerprint(String title, String sha256, long size) {
    }

    record PageView(int page, String title, boolean rendered) {
    }

    record DeckView(UUID deckId, String title, int pageCount, int renderedPages, List<PageView> pages) {
    }

    private Mono<Upload> read(MultiValueMap<String, Part> parts) {
        if (!(parts.getFirst("file") instanceof FilePart file)) {
            return Mono.error(new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                    "Send the slides as a multipart/form-data part named file"));
        }
        String title = parts.getFirst("title") instanceof FormFieldPart field ? field.value() : null;
        MediaType type = file.headers().getContentType();
        if (type == null || !MediaType.APPLICATION_PDF.equalsTypeAndSubtype(type)) {
            return Mono.error(new RequestRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Upload the slides as a PDF (application/pdf)"));
        }
        // One byte over the limit is enough to know it is too large: never buffer more than that.
        return DataBufferUtils.join(file.content(), (int) limits.maxBytes() + 1)
                              .map(buffer -> {
                                  try {
                                      byte[] bytes = new byte[buffer.readableByteCount()];
                                      buffer.read(bytes);
                                      return bytes;
                                  } finally {
                                      DataBufferUtils.release(buffer);
                                  }
                              })
                              .onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class, e -> tooLarge())
                              .defaultIfEmpty(new byte[0])
                              .map(bytes -> new Upload(bytes, type, file.filename(), title));
    }

    /** Validates, renders and stores: blocking, on a worker. Nothing is recorded yet. */
    private Prepared prepare(Actor actor, SessionId session, IdempotencyKey key, Upload upload) throws JsonProcessingException {
        if (upload.content().length > limits.maxBytes()) {
            throw tooLarge();
        }
        String requestedTitle = requestedTitle(upload.title());
        DeckRenderer.requirePdfSignature(upload.content());
        UploadFingerprint request = new UploadFingerprint(requestedTitle, sha256(upload.content()), upload.content().length);
        DeckRenderer.RenderedDeck deck = renderer.render(upload.content());
        String title = requestedTitle != null ? requestedTitle : defaultTitle(deck.documentTitle(), upload.filename());
        // A retry with the same key and file writes the same objects again instead of leaving copies behind.
        UUID deckId = UUID.nameUUIDFromBytes(String.join("\0", actor.tenantId().value(), actor.subject(), key.value(),
                request.sha256(), String.valueOf(requestedTitle)).getBytes(StandardCharsets.UTF_8));
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
        List<String> titles = deck.pages().stream().map(DeckRenderer.Page::title).toList();
        UUID deckId = prepared.objects().deckId();
        return write.record("POST", "/sessions/" + session + "/decks", prepared.request(), () -> {
            commands.send(new AddDeckCommand(session, write.actor(), deckId, prepared.title(), deck.pageCount(),
                    deck.renderedPages(), prepared.objects().original(), titles), write.key());
            return new IdempotentWrites.Result(201, null, new DeckView(deckId, prepared.title(), deck.pageCount(),
                    deck.renderedPages(), deck.pages().stream()
                                              .map(p -> new PageView(p.number(), p.title(), p.rendered())).toList()));
        }).onErrorResume(failure -> {
            if (refused(failure)) {
                // The class said no (ended, not theirs, key reused): what was stored for this attempt is nobody's.
                return Mono.fromRunnable(() -> forget(prepared.storedKeys())).subscribeOn(Schedulers.boundedElastic())
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
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestRejectedException rejected) {
                // A key row that changed under us may belong to a concurrent, successful attempt with the same objects.
                return rejected.code() != ErrorCode.CONCURRENT_MODIFICATION;
            }
            if (t instanceof DomainException || t instanceof CommandExecutionException) {
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
            String name = FreeText.replaceRefused(filename.replaceAll("(?i)\\.pdf$", "")).strip();
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

    private RequestRejectedException tooLarge() {
        return new RequestRejectedException(ErrorCode.PAYLOAD_TOO_LARGE,
                "A deck may be at most " + limits.maxBytes() / (1024 * 1024) + " MB");
    }
}
