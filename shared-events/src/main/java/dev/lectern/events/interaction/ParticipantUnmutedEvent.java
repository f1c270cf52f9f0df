package dev.lectern.events.interaction;

import dev.lectern.events.session.SessionId;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A moderator let a muted person chat again. */
@EventName("participant.unmuted")
@Revision("1")
public record ParticipantUnmutedEvent(SessionId sessionId, TenantId tenantId, UserId userId, String unmutedBy, Instant unmutedAt) implements InteractionEvent {
}
