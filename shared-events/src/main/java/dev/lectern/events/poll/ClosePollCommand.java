package dev.lectern.events.poll;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Objects;
import java.util.UUID;

/** Close a poll (the class's teacher or an admin). */
public record ClosePollCommand(@TargetAggregateIdentifier UUID pollId, Actor actor) {

    public ClosePollCommand {
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(actor, "actor");
    }
}
