package dev.lectern.events.interaction;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A moderator deleted a message: its text is no longer shown to anyone (the log keeps the original for auditors). */
@EventName("chat.deleted")
@Revision("1")
public record ChatMessageDeletedEvent(
        SessionId sessionId, TenantId tenantId, MessageId messageId, String deletedBy, String reason, Instant deletedAt)
        implements InteractionEvent {}
