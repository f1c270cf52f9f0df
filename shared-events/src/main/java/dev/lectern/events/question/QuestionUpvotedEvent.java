package dev.lectern.events.question;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A participant upvoted a question (once per person). */
@EventName("question.upvoted")
@Revision("1")
public record QuestionUpvotedEvent(
        QuestionId questionId, SessionId sessionId, TenantId tenantId, UserId userId, Instant upvotedAt)
        implements QuestionEvent {}
