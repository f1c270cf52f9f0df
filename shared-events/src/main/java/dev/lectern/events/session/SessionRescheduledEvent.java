package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A scheduled class moved (new start and/or length, and possibly a new title). */
@EventName("session.rescheduled")
@Revision("1")
public record SessionRescheduledEvent(SessionId sessionId, TenantId tenantId, String title, Instant startsAt,
                                      int durationMinutes, String rescheduledBy, Instant rescheduledAt)
        implements SessionLifecycleEvent {
}
