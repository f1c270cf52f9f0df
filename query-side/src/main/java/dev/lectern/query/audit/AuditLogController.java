package dev.lectern.query.audit;

import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.query.audit.AuditLogRepository.AuditEntryView;
import dev.lectern.query.web.Paging;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /audit?after=<id>&limit=<n>}: the tenant's audit log (role grants and revocations,
 * permission changes, denied privileged attempts), oldest first, for auditors only.
 */
@RestController
class AuditLogController {

    private final AuditLogRepository auditLog;

    AuditLogController(AuditLogRepository auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping(path = "/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AuditPage> audit(
            Actor actor,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit) {
        AccessDeniedException.require(actor, Capability.READ_AUDIT_LOG);
        long afterId = Paging.after(after);
        int pageSize = Paging.limit(limit);
        return auditLog.page(actor.tenantId(), afterId, pageSize)
                .collectList()
                .map(entries -> new AuditPage(
                        entries,
                        entries.size() == pageSize
                                ? "/audit?after="
                                        + entries.get(entries.size() - 1).auditId() + "&limit=" + pageSize
                                : null));
    }

    record AuditPage(List<AuditEntryView> entries, String next) {}
}
