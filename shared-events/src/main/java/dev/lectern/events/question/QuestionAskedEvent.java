package dev.lectern.events.question;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ClassObjectCreatedEvent;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A participant asked a question; {@code anonymous}: classmates do not see who (staff do). */
@EventName("question.asked")
@Revision("1")
public record QuestionAskedEvent(
        QuestionId questionId,
        SessionId sessionId,
        TenantId tenantId,
        UserId userId,
        String text,
        boolean anonymous,
        Instant askedAt)
        implements QuestionEvent, ClassObjectCreatedEvent {

    /** The asker owns it. */
    @Override
    public UserId owner() {
        return userId;
    }
}
