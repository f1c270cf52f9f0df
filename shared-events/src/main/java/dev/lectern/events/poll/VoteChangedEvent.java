package dev.lectern.events.poll;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A participant changed their ballot (only in polls that allow it, while open). */
@EventName("poll.vote_changed")
@Revision("1")
public record VoteChangedEvent(
        PollId pollId, SessionId sessionId, TenantId tenantId, UserId userId, List<Integer> options, Instant changedAt)
        implements BallotEvent {}
