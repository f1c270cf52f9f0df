package dev.lectern.events.question;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A question was answered: in writing ({@code text}) or live in class ({@code live}, no text). */
@EventName("question.answered")
@Revision("1")
public record QuestionAnsweredEvent(
        QuestionId questionId,
        SessionId sessionId,
        TenantId tenantId,
        String answeredBy,
        String text,
        boolean live,
        Instant answeredAt)
        implements QuestionEvent {}
