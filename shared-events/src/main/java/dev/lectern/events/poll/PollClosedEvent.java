package dev.lectern.events.poll;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The poll closed: no ballot is accepted after this event's position. */
@EventName("poll.closed")
@Revision("1")
public record PollClosedEvent(PollId pollId, SessionId sessionId, TenantId tenantId, String closedBy, Instant closedAt)
        implements PollEvent {}
