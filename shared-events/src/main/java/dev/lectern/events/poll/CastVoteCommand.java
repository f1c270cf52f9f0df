package dev.lectern.events.poll;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cast a person's ballot: creates the Ballot aggregate {@code ballotId} in the class {@code sessionId} of the actor's
 * school (the ballot's class for ever). The endpoint has checked, under the poll's shared lock, that the poll is this
 * class's, open, and the person may vote; {@code optionCount} and {@code multipleChoice} are the poll's, so that the
 * ballot checks its own shape. Options are 0-based, kept sorted and distinct. The actor is the ballot's person.
 */
public record CastVoteCommand(
        @TargetAggregateIdentifier BallotId ballotId,
        SessionId sessionId,
        Actor actor,
        List<Integer> options,
        int optionCount,
        boolean multipleChoice)
        implements ClassObjectCommand {

    public CastVoteCommand {
        Objects.requireNonNull(ballotId, "ballotId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
        if (!ballotId.userId().equals(actor.userId())) {
            throw new IllegalArgumentException("A ballot is cast by its own person");
        }
        options = List.copyOf(options.stream().distinct().sorted().toList());
    }
}
