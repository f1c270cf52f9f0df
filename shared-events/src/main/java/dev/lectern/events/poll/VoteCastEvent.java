package dev.lectern.events.poll;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ClassObjectCreatedEvent;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A participant's ballot (chosen options, 0-based). One ballot per person and poll: the Ballot aggregate's id is (poll, person), so a second one is refused by the event store's key. */
@EventName("poll.vote_cast")
@Revision("1")
public record VoteCastEvent(
        PollId pollId, SessionId sessionId, TenantId tenantId, UserId userId, List<Integer> options, Instant castAt)
        implements BallotEvent, ClassObjectCreatedEvent {

    /** The voter owns it. */
    @Override
    public UserId owner() {
        return userId;
    }
}
