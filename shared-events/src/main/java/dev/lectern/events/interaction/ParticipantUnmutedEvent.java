package dev.lectern.events.interaction;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A moderator let a muted person chat again. */
@EventName("participant.unmuted")
@Revision("1")
public record ParticipantUnmutedEvent(
        SessionId sessionId, TenantId tenantId, UserId userId, String unmutedBy, Instant unmutedAt)
        implements InteractionEvent {}
