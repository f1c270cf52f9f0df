package dev.lectern.events.interaction;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A moderator muted someone in the chat. */
@EventName("participant.muted")
@Revision("1")
public record ParticipantMutedEvent(
        SessionId sessionId, TenantId tenantId, UserId userId, String mutedBy, String reason, Instant mutedAt)
        implements InteractionEvent {}
