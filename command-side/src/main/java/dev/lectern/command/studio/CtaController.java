package dev.lectern.command.studio;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.PlainText;
import dev.lectern.command.web.SessionWrites;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.studio.CtaId;
import dev.lectern.events.studio.HideCtaCommand;
import dev.lectern.events.studio.ShowCtaCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The call to action on screen (seed 004): a label and a link that clients show as a button and a QR
 * code ({@code GET /sessions/{id}/cta/qr.png} on the query side). Teacher or admin by role here; the
 * Session aggregate checks it is their class.
 */
@RestController
class CtaController {

    static final int MAX_URL_LENGTH = 2000;

    private final SessionWrites writes;
    private final CommandDispatcher commands;

    CtaController(SessionWrites writes, CommandDispatcher commands) {
        this.writes = writes;
        this.commands = commands;
    }

    @PostMapping(
            path = "/sessions/{sessionId}/cta",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> show(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, @Valid @RequestBody CtaRequest request) {
        String url = link(request.url());
        String label = request.label().strip();
        return writes.run(actor, key, Capability.RUN_SESSION, "POST", sessionId, "/cta", request, (session, k) -> {
            // The same key shows the same CTA again: its id follows from the key, not from the attempt.
            CtaId ctaId = CtaId.of(
                    UUID.nameUUIDFromBytes(String.join("\0", actor.tenantId().value(), actor.subject(), k.value())
                            .getBytes(StandardCharsets.UTF_8)));
            commands.send(new ShowCtaCommand(session, actor, ctaId, label, url), k);
            return new IdempotentWrites.Result(200, null, new CtaView(session.toString(), ctaId, label, url, true));
        });
    }

    @DeleteMapping(path = "/sessions/{sessionId}/cta", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> hide(Actor actor, IdempotencyKey key, @PathVariable String sessionId) {
        return writes.run(actor, key, Capability.RUN_SESSION, "DELETE", sessionId, "/cta", null, (session, k) -> {
            commands.send(new HideCtaCommand(session, actor), k);
            return new IdempotentWrites.Result(200, null, new CtaView(session.toString(), null, null, null, false));
        });
    }

    /** An absolute http(s) link with a host; anything else (javascript:, relative paths) is refused. */
    static String link(String text) {
        String url = text.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (uri.isAbsolute()
                    && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && !uri.getHost().isBlank()) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new RequestRejectedException(
                ErrorCode.VALIDATION_FAILED,
                "url must be an absolute http or https link, for example https://example.org/worksheet");
    }

    record CtaRequest(
            @NotBlank @PlainText(max = 80) String label,
            @NotBlank @Size(max = MAX_URL_LENGTH) String url) {}

    record CtaView(String sessionId, CtaId ctaId, String label, String url, boolean shown) {}
}
