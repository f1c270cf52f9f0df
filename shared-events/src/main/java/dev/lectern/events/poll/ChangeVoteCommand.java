package dev.lectern.events.poll;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change an existing ballot (only in polls that allow it, while open: the endpoint checked the poll under its shared
 * lock and says whether change is allowed). Options are 0-based, kept sorted and distinct. {@code sessionId} is the
 * class of the request; the ballot refuses another class's (docs/adr/0014).
 */
public record ChangeVoteCommand(
        @TargetAggregateIdentifier BallotId ballotId,
        SessionId sessionId,
        Actor actor,
        List<Integer> options,
        int optionCount,
        boolean multipleChoice,
        boolean allowChange)
        implements ClassObjectCommand {

    public ChangeVoteCommand {
        Objects.requireNonNull(ballotId, "ballotId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
        options = List.copyOf(options.stream().distinct().sorted().toList());
    }
}
