package dev.lectern.events.poll;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ClassObjectCreatedEvent;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A poll was prepared: options, single or multiple choice, whether a ballot may be changed, whether students see live
 * results; {@code correctOptions} (0-based) makes it a quiz (null otherwise; never shown to students before results are
 * published). {@code owner} is the class's teacher when the poll was prepared (null for a class whose teacher is
 * unknown: then only admins manage it); the Poll aggregate needs it after a reload to decide who may open, close and
 * publish.
 */
@EventName("poll.created")
@Revision("1")
public record PollCreatedEvent(
        PollId pollId,
        SessionId sessionId,
        TenantId tenantId,
        String question,
        List<String> options,
        boolean multipleChoice,
        boolean allowChange,
        boolean showLiveResults,
        List<Integer> correctOptions,
        String createdBy,
        Instant createdAt,
        UserId owner)
        implements PollEvent, ClassObjectCreatedEvent {}
