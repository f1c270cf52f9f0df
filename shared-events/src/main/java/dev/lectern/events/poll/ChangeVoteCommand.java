package dev.lectern.events.poll;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Objects;

/**
 * Change an existing ballot (only in polls that allow it, while open: the endpoint checked the poll under its shared
 * lock and says whether change is allowed). Options are 0-based, kept sorted and distinct.
 */
public record ChangeVoteCommand(@TargetAggregateIdentifier BallotId ballotId, List<Integer> options, int optionCount,
                                boolean multipleChoice, boolean allowChange) {

    public ChangeVoteCommand {
        Objects.requireNonNull(ballotId, "ballotId");
        options = List.copyOf(options.stream().distinct().sorted().toList());
    }
}
