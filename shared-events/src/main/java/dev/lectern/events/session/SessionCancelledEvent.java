package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A scheduled class was called off before it started. */
@EventName("session.cancelled")
@Revision("1")
public record SessionCancelledEvent(
        SessionId sessionId, TenantId tenantId, String cancelledBy, String reason, Instant cancelledAt)
        implements SessionLifecycleEvent {}
