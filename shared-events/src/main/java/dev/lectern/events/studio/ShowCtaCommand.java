package dev.lectern.events.studio;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put a call to action on screen (teacher or admin); replaces the one shown. */
public record ShowCtaCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, CtaId ctaId, String label, String url) {

    public ShowCtaCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
