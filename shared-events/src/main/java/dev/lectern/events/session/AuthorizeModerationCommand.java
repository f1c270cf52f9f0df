package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks the Session aggregate whether {@code actor} may moderate this class now (teacher, admin, or the moderate permission); appends nothing. */
public record AuthorizeModerationCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor) {

    public AuthorizeModerationCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
