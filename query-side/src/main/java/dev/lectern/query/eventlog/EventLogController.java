package dev.lectern.query.eventlog;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.query.EventLogEntryView;
import dev.lectern.query.web.Paging;
import dev.lectern.query.web.PathIds;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * {@code GET /sessions/{id}/events?after=<position>&limit=<n>}: the session's raw log in order,
 * paged by global position, within the caller's tenant (teachers, admins, auditors).
 */
@RestController
class EventLogController {

    private final EventLogRepository log;

    EventLogController(EventLogRepository log) {
        this.log = log;
    }

    @GetMapping(path = "/sessions/{sessionId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<EventLogPage> events(Actor actor, @PathVariable String sessionId,
                              @RequestParam(name = "after", required = false) String after,
                              @RequestParam(name = "limit", required = false) String limit) {
        AccessDeniedException.require(actor, Capability.READ_SESSION_LOG);
        var tenantId = actor.tenantId();
        var id = PathIds.session(sessionId);
        long afterPosition = Paging.after(after);
        int pageSize = Paging.limit(limit);
        return log.page(tenantId, id, afterPosition, pageSize).collectList().flatMap(events -> {
            if (!events.isEmpty()) {
                return Mono.just(page(id.toString(), events, pageSize));
            }
            return log.exists(tenantId, id).flatMap(found -> found
                    ? Mono.just(page(id.toString(), events, pageSize))
                    : Mono.error(new RequestRejectedException(ErrorCode.SESSION_NOT_FOUND,
                            "No session " + id + " in this tenant")));
        });
    }

    private static EventLogPage page(String sessionId, List<EventLogEntryView> events, int pageSize) {
        String next = events.size() == pageSize
                ? "/sessions/" + sessionId + "/events?after=" + events.get(events.size() - 1).position() + "&limit=" + pageSize
                : null;
        return new EventLogPage(sessionId, events, next);
    }

    /** One page of the log; {@code next} is the link to the following page, or null at the end. */
    record EventLogPage(String sessionId, List<EventLogEntryView> events, String next) {
    }
}
