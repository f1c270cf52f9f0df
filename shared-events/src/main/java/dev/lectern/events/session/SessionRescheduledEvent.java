package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A scheduled class moved (new start and/or length, and possibly a new title). */
@EventName("session.rescheduled")
@Revision("1")
public record SessionRescheduledEvent(
        SessionId sessionId,
        TenantId tenantId,
        String title,
        Instant startsAt,
        int durationMinutes,
        String rescheduledBy,
        Instant rescheduledAt)
        implements SessionLifecycleEvent {}
