package dev.lectern.events.question;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A question was dismissed by a moderator and leaves the queue. */
@EventName("question.dismissed")
@Revision("1")
public record QuestionDismissedEvent(
        QuestionId questionId,
        SessionId sessionId,
        TenantId tenantId,
        String dismissedBy,
        String reason,
        Instant dismissedAt)
        implements QuestionEvent {}
