package dev.lectern.command.studio;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.web.Writes;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
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

/**
 * Slide deck upload (seed 004), HTTP only: the size the request declares, the multipart form with one PDF part
 * named {@code file} and an optional {@code title}. Checking, rendering, storing and recording the deck is
 * {@link Presenting}'s. Limits: {@link DeckLimits}.
 */
@RestController
class DeckController {

    /** Multipart boundaries and the title field around the file. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final Writes writes;
    private final Presenting presenting;
    private final DeckLimits limits = DeckLimits.DEFAULT;

    DeckController(Writes writes, Presenting presenting) {
        this.writes = writes;
        this.presenting = presenting;
    }

    @PostMapping(
            path = "/sessions/{sessionId}/decks",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> upload(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, ServerWebExchange exchange) {
        SessionId session = SessionPaths.parse(sessionId);
        // Who may present is decided per class (Presenters), after the key and before anything is read.
        Writes.Write write = writes.keyed(actor, key);
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limits.maxBytes() + MULTIPART_OVERHEAD) {
            throw tooLarge();
        }
        return presenting
                .addDeck(write, session, exchange.getMultipartData().flatMap(this::read))
                .map(RecordedResponse::toResponseEntity);
    }

    private Mono<Presenting.Upload> read(MultiValueMap<String, Part> parts) {
        if (!(parts.getFirst("file") instanceof FilePart file)) {
            return Mono.error(new RequestRejectedException(
                    ErrorCode.VALIDATION_FAILED, "Send the slides as a multipart/form-data part named file"));
        }
        String title = parts.getFirst("title") instanceof FormFieldPart field ? field.value() : null;
        MediaType type = file.headers().getContentType();
        if (type == null || !MediaType.APPLICATION_PDF.equalsTypeAndSubtype(type)) {
            return Mono.error(new RequestRejectedException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Upload the slides as a PDF (application/pdf)"));
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
                .map(bytes -> new Presenting.Upload(bytes, type, file.filename(), title));
    }

    private RequestRejectedException tooLarge() {
        return Presenting.tooLarge(limits);
    }
}
