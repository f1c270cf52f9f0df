package dev.lectern.events.interaction;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A chat message, stored exactly as written (plain text; rendering and escaping are the client's job). */
@EventName("chat.posted")
@Revision("1")
public record ChatMessagePostedEvent(
        SessionId sessionId,
        TenantId tenantId,
        MessageId messageId,
        UserId userId,
        String classRole,
        String text,
        Instant postedAt)
        implements InteractionEvent {}
