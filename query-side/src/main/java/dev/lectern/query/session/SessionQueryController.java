package dev.lectern.query.session;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.TenantHeader;
import dev.lectern.events.query.SessionView;
import dev.lectern.query.web.PathIds;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /sessions/{id}}: the scheduled class as the read model knows it. UNAUTHENTICATED until
 * the identity issue; tenant from the {@value TenantHeader#NAME} header. The read model is
 * eventually consistent with the log (typically well under a second behind).
 */
@RestController
class SessionQueryController {

    private final SessionViewRepository sessions;

    SessionQueryController(SessionViewRepository sessions) {
        this.sessions = sessions;
    }

    @GetMapping(path = "/sessions/{sessionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SessionView> find(@RequestHeader(name = TenantHeader.NAME, required = false) String tenant,
                           @PathVariable String sessionId) {
        var tenantId = TenantHeader.require(tenant);
        var id = PathIds.session(sessionId);
        return sessions.find(tenantId, id)
                       .switchIfEmpty(Mono.error(() -> new RequestRejectedException(ErrorCode.SESSION_NOT_FOUND,
                               "No session " + id + " in this tenant")));
    }
}
