package dev.lectern.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.query.EventLogEntryView;
import dev.lectern.events.session.SessionId;
import dev.lectern.query.eventlog.EventRows;
import dev.lectern.query.web.Moments;
import dev.lectern.query.web.Paging;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /audit/events}: auditors query their school's event store by session, event name, actor
 * (the subject who caused the event) and time range ({@code from} inclusive, {@code to} exclusive),
 * paged by global position ({@code after}, {@code limit}). Payloads as stored. Every access is itself
 * recorded in the audit log before the answer leaves (platform's AuditedReadsFilter).
 */
@RestController
class AuditEventLogController {

    private static final Pattern EVENT_NAME = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$");

    private final DatabaseClient db;
    private final ObjectMapper json;

    AuditEventLogController(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    @GetMapping(path = "/audit/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<EventPage> events(Actor actor,
                           @RequestParam(name = "sessionId", required = false) String sessionId,
                           @RequestParam(name = "name", required = false) String name,
                           @RequestParam(name = "actor", required = false) String subject,
                           @RequestParam(name = "from", required = false) String from,
                           @RequestParam(name = "to", required = false) String to,
                           @RequestParam(name = "after", required = false) String after,
                           @RequestParam(name = "limit", required = false) String limit) {
        AccessDeniedException.require(actor, Capability.READ_AUDIT_LOG);
        Map<String, Object> binds = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("tenant_id = :tenant AND global_index > :after");
        binds.put("tenant", actor.tenantId().value());
        binds.put("after", Paging.after(after));
        if (sessionId != null) {
            where.append(" AND session_id = :session");
            binds.put("session", SessionId.parse(sessionId).orElseThrow(() -> invalid("sessionId must be a UUID")).value());
        }
        if (name != null) {
            if (!EVENT_NAME.matcher(name).matches()) {
                throw invalid("name must be an event name such as session.started");
            }
            where.append(" AND event_name = :name");
            binds.put("name", name);
        }
        if (subject != null) {
            if (subject.isBlank() || subject.length() > 255 || dev.lectern.events.input.FreeText.problem(subject, false) != null) {
                throw invalid("actor must be a subject of 1 to 255 characters");
            }
            where.append(" AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' = :actor");
            binds.put("actor", subject);
        }
        if (from != null) {
            where.append(" AND occurred_at >= :from");
            binds.put("from", instant("from", from));
        }
        if (to != null) {
            where.append(" AND occurred_at < :to");
            binds.put("to", instant("to", to));
        }
        int pageSize = Paging.limit(limit);
        binds.put("limit", pageSize);
        DatabaseClient.GenericExecuteSpec query = db.sql("SELECT " + EventRows.COLUMNS + " FROM session_state_events WHERE "
                + where + " ORDER BY global_index LIMIT :limit");
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            query = query.bind(bind.getKey(), bind.getValue());
        }
        return query.map((row, meta) -> EventRows.toView(row, json)).all().collectList()
                    .map(events -> new EventPage(events, events.size() == pageSize
                            ? events.get(events.size() - 1).position() : null));
    }

    private static OffsetDateTime instant(String name, String text) {
        return Moments.instant(name, text).atOffset(ZoneOffset.UTC);
    }

    private static RequestRejectedException invalid(String detail) {
        return new RequestRejectedException(ErrorCode.VALIDATION_FAILED, detail);
    }

    /** {@code nextAfter}: pass it as {@code after} for the next page; null at the end. */
    record EventPage(List<EventLogEntryView> events, Long nextAfter) {
    }
}
