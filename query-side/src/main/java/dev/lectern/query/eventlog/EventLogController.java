package dev.lectern.query.eventlog;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.TenantHeader;
import dev.lectern.events.query.EventLogEntryView;
import dev.lectern.query.web.PathIds;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * {@code GET /sessions/{id}/events?after=<position>&limit=<n>}: the session's raw log in order,
 * paged by global position. UNAUTHENTICATED until the identity issue; tenant from the header.
 */
@RestController
class EventLogController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final EventLogRepository log;

    EventLogController(EventLogRepository log) {
        this.log = log;
    }

    @GetMapping(path = "/sessions/{sessionId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<EventLogPage> events(@RequestHeader(name = TenantHeader.NAME, required = false) String tenant,
                              @PathVariable String sessionId,
                              @RequestParam(name = "after", required = false) String after,
                              @RequestParam(name = "limit", required = false) String limit) {
        var tenantId = TenantHeader.require(tenant);
        var id = PathIds.session(sessionId);
        long afterPosition = parseLong("after", after, 0, 0, Long.MAX_VALUE);
        int pageSize = (int) parseLong("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
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

    private static long parseLong(String name, String text, long fallback, long min, long max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                name + " must be a whole number between " + min + " and " + max);
    }

    /** One page of the log; {@code next} is the link to the following page, or null at the end. */
    record EventLogPage(String sessionId, List<EventLogEntryView> events, String next) {
    }
}
