package dev.lectern.command.poll;

import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.PollCreatedEvent;

/**
 * How the class (the Session aggregate) creates a Poll aggregate from inside its own command handler,
 * in the same unit of work, once it has checked who asks. The aggregate itself stays package-private.
 */
public final class PollCreation {

    private PollCreation() {}

    public static void create(PollCreatedEvent created, UserId owner) throws Exception {
        createNew(Poll.class, () -> Poll.create(created, owner));
    }
}
