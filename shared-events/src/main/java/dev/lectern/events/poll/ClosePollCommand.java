package dev.lectern.events.poll;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a poll (the class's teacher or an admin). */
public record ClosePollCommand(@TargetAggregateIdentifier PollId pollId, SessionId sessionId, Actor actor)
        implements ClassObjectCommand {

    public ClosePollCommand {
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
