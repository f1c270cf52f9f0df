package dev.lectern.events.poll;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish a closed poll's results (the class's teacher or an admin) with the tally counted from its ballots. */
public record PublishPollResultsCommand(
        @TargetAggregateIdentifier PollId pollId, SessionId sessionId, Actor actor, List<Long> counts, long ballots)
        implements ClassObjectCommand {

    public PublishPollResultsCommand {
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(counts, "counts");
    }
}
