package dev.lectern.events.interaction;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A moderator hid a message from the class (staff still see it). */
@EventName("chat.hidden")
@Revision("1")
public record ChatMessageHiddenEvent(
        SessionId sessionId, TenantId tenantId, MessageId messageId, String hiddenBy, String reason, Instant hiddenAt)
        implements InteractionEvent {}
