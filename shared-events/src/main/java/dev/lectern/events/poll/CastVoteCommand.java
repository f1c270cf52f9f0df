package dev.lectern.events.poll;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Objects;

/**
 * Cast a person's ballot: creates the Ballot aggregate {@code ballotId}. The endpoint has checked, under the poll's
 * shared lock, that the poll is open and the person may vote; {@code optionCount} and {@code multipleChoice} are the
 * poll's, so that the ballot checks its own shape. Options are 0-based, kept sorted and distinct.
 */
public record CastVoteCommand(@TargetAggregateIdentifier BallotId ballotId, SessionId sessionId, TenantId tenantId,
                              List<Integer> options, int optionCount, boolean multipleChoice) {

    public CastVoteCommand {
        Objects.requireNonNull(ballotId, "ballotId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tenantId, "tenantId");
        options = List.copyOf(options.stream().distinct().sorted().toList());
    }
}
