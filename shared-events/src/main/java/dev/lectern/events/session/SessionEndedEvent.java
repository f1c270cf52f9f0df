package dev.lectern.events.session;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The class ended; the room-lifecycle saga stops media and finalises the recording after this. */
@EventName("session.ended")
@Revision("1")
public record SessionEndedEvent(SessionId sessionId, TenantId tenantId, String endedBy, Instant endedAt)
        implements SessionLifecycleEvent {}
