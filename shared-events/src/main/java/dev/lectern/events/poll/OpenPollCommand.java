package dev.lectern.events.poll;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Objects;
import java.util.UUID;

/** Open a poll for votes (the class's teacher or an admin). */
public record OpenPollCommand(@TargetAggregateIdentifier UUID pollId, Actor actor) {

    public OpenPollCommand {
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(actor, "actor");
    }
}
