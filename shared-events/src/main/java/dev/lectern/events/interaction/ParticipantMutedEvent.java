package dev.lectern.events.interaction;

import dev.lectern.events.session.SessionId;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A moderator muted someone in the chat. */
@EventName("participant.muted")
@Revision("1")
public record ParticipantMutedEvent(SessionId sessionId, TenantId tenantId, UserId userId, String mutedBy, String reason, Instant mutedAt) implements InteractionEvent {
}
