package dev.lectern.query.session;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.query.SessionView;
import dev.lectern.query.web.PathIds;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /sessions/{id}}: the scheduled class as the read model knows it, within the caller's
 * tenant. The read model is eventually consistent with the log (typically well under a second behind).
 * A class of a course is visible to that course's roster (and to the school's teachers and admins).
 */
@RestController
class SessionQueryController {

    private final SessionViewRepository sessions;

    SessionQueryController(SessionViewRepository sessions) {
        this.sessions = sessions;
    }

    @GetMapping(path = "/sessions/{sessionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SessionView> find(Actor actor, @PathVariable String sessionId) {
        AccessDeniedException.require(actor, Capability.VIEW_SESSION);
        var id = PathIds.session(sessionId);
        return sessions.find(actor, id)
                .switchIfEmpty(Mono.error(() -> new RequestRejectedException(
                        ErrorCode.SESSION_NOT_FOUND, "No session " + id + " in this tenant")));
    }
}
