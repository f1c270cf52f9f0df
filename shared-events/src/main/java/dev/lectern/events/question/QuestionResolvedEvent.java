package dev.lectern.events.question;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A question was marked resolved and leaves the queue. */
@EventName("question.resolved")
@Revision("1")
public record QuestionResolvedEvent(
        QuestionId questionId, SessionId sessionId, TenantId tenantId, String resolvedBy, Instant resolvedAt)
        implements QuestionEvent {}
