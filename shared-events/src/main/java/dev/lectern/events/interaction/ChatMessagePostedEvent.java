package dev.lectern.events.interaction;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A chat message, stored exactly as written (plain text; rendering and escaping are the client's job).
 * {@code displayName} (revision 2) is the author's name when they posted; null in revision 1 events and
 * when Lectern had no name for them (docs/adr/0027).
 */
@EventName("chat.posted")
@Revision("2")
public record ChatMessagePostedEvent(
        SessionId sessionId,
        TenantId tenantId,
        MessageId messageId,
        UserId userId,
        String classRole,
        String text,
        Instant postedAt,
        String displayName)
        implements InteractionEvent {

    /** Without the author's name. */
    public ChatMessagePostedEvent(
            SessionId sessionId,
            TenantId tenantId,
            MessageId messageId,
            UserId userId,
            String classRole,
            String text,
            Instant postedAt) {
        this(sessionId, tenantId, messageId, userId, classRole, text, postedAt, null);
    }
}
