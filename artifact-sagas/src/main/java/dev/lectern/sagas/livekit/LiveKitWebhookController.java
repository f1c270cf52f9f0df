package dev.lectern.sagas.livekit;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import io.livekit.server.WebhookReceiver;
import java.util.Map;
import java.util.Optional;
import livekit.LivekitWebhook;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * LiveKit's webhooks ({@code POST /webhooks/livekit}). The signature (a JWT whose {@code sha256}
 * claim covers the exact raw body) is verified with LiveKit's own {@link WebhookReceiver} before
 * anything else; forged, tampered or unsigned requests get 401 and change nothing. Each event id is
 * accepted once (LiveKit redelivers); the id is recorded in the same transaction as the commands it
 * causes. Webhooks carry no Idempotency-Key: the event id plays that part, and it is the cause in the
 * metadata of every event a delivery appends. A delivery for a room that is no Lectern class, an unknown
 * class or another school's class is answered 200 {@code ignored} and logged: it is not a failed delivery.
 */
@RestController
class LiveKitWebhookController {

    private final Optional<WebhookReceiver> receiver;
    private final LiveKitWebhooks webhooks;

    LiveKitWebhookController(LiveKitProperties properties, LiveKitWebhooks webhooks) {
        this.receiver = properties.configured()
                ? Optional.of(new WebhookReceiver(properties.apiKey(), properties.apiSecret()))
                : Optional.empty();
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/webhooks/livekit", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, String>> receive(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String signature,
            @RequestBody(required = false) String rawBody) {
        WebhookReceiver verifier = receiver.orElseThrow(() ->
                new RequestRejectedException(ErrorCode.NOT_FOUND, "Media is off: no LiveKit webhooks are expected"));
        if (signature == null || signature.isBlank() || rawBody == null) {
            throw new RequestRejectedException(ErrorCode.UNAUTHENTICATED, "Webhook signature missing");
        }
        LivekitWebhook.WebhookEvent event;
        try {
            event = verifier.receive(rawBody, signature);
        } catch (RuntimeException forged) {
            throw new RequestRejectedException(
                    ErrorCode.UNAUTHENTICATED, "Webhook signature is not valid for this body");
        }
        return Mono.fromCallable(() -> webhooks.handle(event)).subscribeOn(Schedulers.boundedElastic());
    }
}
