package dev.lectern.events.poll;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The poll opened for votes. */
@EventName("poll.opened")
@Revision("1")
public record PollOpenedEvent(PollId pollId, SessionId sessionId, TenantId tenantId, String openedBy, Instant openedAt)
        implements PollEvent {}
