package dev.lectern.query.audit;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.query.EventLogEntryView;
import dev.lectern.events.session.SessionId;
import dev.lectern.query.eventlog.EventLogRepository;
import dev.lectern.query.eventlog.EventLogRepository.EventSearch;
import dev.lectern.query.web.Moments;
import dev.lectern.query.web.Paging;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /audit/events}: auditors query their school's event store by session, event name, actor
 * (the subject who caused the event) and time range ({@code from} inclusive, {@code to} exclusive),
 * paged by global position ({@code after}, {@code limit}). Payloads as stored. Every access is itself
 * recorded in the audit log before the answer leaves (platform's AuditedReadsFilter).
 */
@RestController
class AuditEventLogController {

    private static final Pattern EVENT_NAME = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$");

    private final EventLogRepository log;

    AuditEventLogController(EventLogRepository log) {
        this.log = log;
    }

    @GetMapping(path = "/audit/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<EventPage> events(
            Actor actor,
            @RequestParam(name = "sessionId", required = false) String sessionId,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "actor", required = false) String subject,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit) {
        AccessDeniedException.require(actor, Capability.READ_AUDIT_LOG);
        long afterPosition = Paging.after(after);
        SessionId session = sessionId == null
                ? null
                : SessionId.parse(sessionId).orElseThrow(() -> invalid("sessionId must be a UUID"));
        if (name != null && !EVENT_NAME.matcher(name).matches()) {
            throw invalid("name must be an event name such as session.started");
        }
        if (subject != null
                && (subject.isBlank()
                        || subject.length() > 255
                        || dev.lectern.events.input.FreeText.problem(subject, false) != null)) {
            throw invalid("actor must be a subject of 1 to 255 characters");
        }
        Instant fromInstant = from == null ? null : Moments.instant("from", from);
        Instant toInstant = to == null ? null : Moments.instant("to", to);
        int pageSize = Paging.limit(limit);
        EventSearch search = new EventSearch(session, name, subject, fromInstant, toInstant);
        return log.search(actor.tenantId(), search, afterPosition, pageSize)
                .collectList()
                .map(events -> new EventPage(
                        events,
                        events.size() == pageSize
                                ? events.get(events.size() - 1).position()
                                : null));
    }

    private static RequestRejectedException invalid(String detail) {
        return new RequestRejectedException(ErrorCode.VALIDATION_FAILED, detail);
    }

    /** {@code nextAfter}: pass it as {@code after} for the next page; null at the end. */
    record EventPage(List<EventLogEntryView> events, Long nextAfter) {}
}
