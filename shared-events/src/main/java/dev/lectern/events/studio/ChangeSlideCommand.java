package dev.lectern.events.studio;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move the class to a page (1-based) of one of its decks (teacher, admin or a presenter). */
public record ChangeSlideCommand(@TargetAggregateIdentifier SessionId sessionId, Actor actor, DeckId deckId, int page) {

    public ChangeSlideCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
