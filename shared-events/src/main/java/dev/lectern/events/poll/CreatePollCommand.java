package dev.lectern.events.poll;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Prepare a poll in this class (teacher or admin): the Session aggregate checks who asks and creates the Poll aggregate. */
public record CreatePollCommand(
        @TargetAggregateIdentifier SessionId sessionId,
        Actor actor,
        PollId pollId,
        String question,
        List<String> options,
        boolean multipleChoice,
        boolean allowChange,
        boolean showLiveResults,
        List<Integer> correctOptions) {

    public CreatePollCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
