package dev.lectern.query.studio;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import dev.lectern.query.access.ClassAccess;
import dev.lectern.query.web.PathIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The QR code of the call to action a class shows now, as the studio read model has it (the latest
 * {@code cta.shown} or {@code cta.hidden}; docs/adr/0023-query-side-read-models-for-studio.md). It never
 * encodes a link from the request: only what the teacher put on screen. When no code can be made, clients show the static CTA (label and link), the
 * fallback seed 004 asks for.
 */
@RestController
class CtaQrController {

    private static final Logger log = LoggerFactory.getLogger(CtaQrController.class);

    private final ClassAccess access;
    private final StudioViewRepository studio;

    CtaQrController(ClassAccess access, StudioViewRepository studio) {
        this.access = access;
        this.studio = studio;
    }

    @GetMapping(path = "/sessions/{sessionId}/cta/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    Mono<ResponseEntity<byte[]>> qr(Actor actor, @PathVariable String sessionId) {
        SessionId session = PathIds.session(sessionId);
        return access.check(actor, session)
                .map(granted -> granted.viewer().classRole())
                .then(studio.currentCtaUrl(actor.tenantId(), session))
                .switchIfEmpty(Mono.error(() -> new RequestRejectedException(
                        ErrorCode.CTA_NOT_SHOWN, "This class shows no call to action now")))
                .flatMap(url -> Mono.fromCallable(() -> QrCodes.png(url)).subscribeOn(Schedulers.boundedElastic()))
                .onErrorMap(QrCodes.QrCodeUnavailableException.class, e -> {
                    log.warn(
                            "No QR code for the call to action of session {}: {}",
                            session,
                            e.getCause().toString());
                    return new RequestRejectedException(
                            ErrorCode.QR_CODE_UNAVAILABLE,
                            "The QR code could not be generated; show the call to action as its label and link instead");
                })
                // The CTA changes whenever the teacher says so: clients must not keep an old code.
                .map(png -> ResponseEntity.ok()
                        .contentType(MediaType.IMAGE_PNG)
                        .cacheControl(CacheControl.noStore())
                        .body(png));
    }
}
