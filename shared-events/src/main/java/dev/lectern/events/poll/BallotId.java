package dev.lectern.events.poll;

import dev.lectern.events.identity.UserId;
import java.util.Objects;

/**
 * One person's ballot in one poll. Its {@code toString()} ({@code <pollId>:<userId>}) is the Ballot aggregate's identifier
 * in the event store, whose unique (aggregate, sequence) key therefore allows one ballot per person and poll.
 */
public record BallotId(PollId pollId, UserId userId) {

    public BallotId {
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String toString() {
        return pollId + ":" + userId;
    }
}
