package dev.lectern.query.eventlog;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.Role;
import dev.lectern.events.query.EventLogEntryView;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.session.SessionId;
import dev.lectern.query.access.ClassAccess;
import dev.lectern.query.visibility.Audience;
import dev.lectern.query.visibility.EventVisibility;
import dev.lectern.query.visibility.When;
import dev.lectern.query.web.Paging;
import dev.lectern.query.web.PathIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /sessions/{id}/events?after=<position>&limit=<n>}: the session's raw log in order, paged by
 * global position (docs/adr/0015).
 *
 * <ul>
 *   <li>The school's auditors and admins read it as stored (payloads and metadata); every read is
 *       recorded as an {@code audit.read} row (platform's AuditedReadsFilter).</li>
 *   <li>The class's own teacher (its owner, or a teacher on its course's roster) reads it as the class's
 *       staff see events ({@link EventVisibility}): no ballots per person, no text of deleted messages,
 *       metadata without idempotency keys.</li>
 *   <li>Anyone else of the school gets 404, as for a class that does not exist; someone without any
 *       role in the school gets 403.</li>
 * </ul>
 */
@RestController
class EventLogController {

    private final EventLogRepository log;
    private final ClassAccess access;

    EventLogController(EventLogRepository log, ClassAccess access) {
        this.log = log;
        this.access = access;
    }

    @GetMapping(path = "/sessions/{sessionId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<EventLogPage> events(
            Actor actor,
            @PathVariable String sessionId,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit) {
        if (!Capability.READ_SESSION_LOG.allows(actor) && !Capability.VIEW_SESSION.allows(actor)) {
            throw new AccessDeniedException(Capability.READ_SESSION_LOG);
        }
        var id = PathIds.session(sessionId);
        long afterPosition = Paging.after(after);
        int pageSize = Paging.limit(limit);
        return audience(actor, id).flatMap(audience -> {
            Mono<Set<String>> deleted =
                    audience == Audience.AUDITOR ? Mono.just(Set.of()) : log.deletedMessages(actor.tenantId(), id);
            return deleted.flatMap(messages -> log.page(actor.tenantId(), id, afterPosition, pageSize)
                    .collectList()
                    .map(rows -> page(id.toString(), rows, pageSize, audience, messages)));
        });
    }

    /** Auditors and admins: as stored; the class's own teacher: as staff; anyone else: no such class. */
    private Mono<Audience> audience(Actor actor, SessionId id) {
        if (actor.has(Role.AUDITOR) || actor.has(Role.ADMIN)) {
            return log.exists(actor.tenantId(), id)
                    .flatMap(found -> found ? Mono.just(Audience.AUDITOR) : Mono.error(notFound(id)));
        }
        return access.classRoleFromLog(actor, id)
                .flatMap(role -> role.filter(ClassRoles.TEACHER::equals).isPresent()
                        ? Mono.just(Audience.STAFF)
                        : Mono.error(notFound(id)));
    }

    private static EventLogPage page(
            String sessionId,
            List<EventLogEntryView> rows,
            int pageSize,
            Audience audience,
            Set<String> deletedMessages) {
        List<EventLogEntryView> shown = new ArrayList<>(rows.size());
        When.Context context = new When.Context(null, deletedMessages);
        for (EventLogEntryView row : rows) {
            Optional<EventLogEntryView> entry = EventVisibility.payload(row.name(), row.payload(), audience, context)
                    .map(payload -> new EventLogEntryView(
                            row.position(),
                            row.name(),
                            row.aggregateType(),
                            row.aggregateId(),
                            row.sequence(),
                            row.occurredAt(),
                            row.payloadRevision(),
                            payload,
                            EventVisibility.metadata(row.metadata(), audience).orElse(null)));
            entry.ifPresent(shown::add);
        }
        // Paged by what was read, not by what is shown: entries not shown to this audience do not end the log.
        String next = rows.size() == pageSize
                ? "/sessions/" + sessionId + "/events?after="
                        + rows.get(rows.size() - 1).position() + "&limit=" + pageSize
                : null;
        return new EventLogPage(sessionId, shown, next);
    }

    private static RequestRejectedException notFound(SessionId id) {
        return new RequestRejectedException(ErrorCode.SESSION_NOT_FOUND, "No session " + id + " in this tenant");
    }

    /** One page of the log; {@code next} is the link to the following page, or null at the end. */
    record EventLogPage(String sessionId, List<EventLogEntryView> events, String next) {}
}
