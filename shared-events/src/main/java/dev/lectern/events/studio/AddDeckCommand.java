package dev.lectern.events.studio;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an uploaded, stored and rendered slide deck (teacher, admin or a presenter). */
public record AddDeckCommand(
        @TargetAggregateIdentifier SessionId sessionId,
        Actor actor,
        DeckId deckId,
        String title,
        int pageCount,
        int renderedPages,
        String objectKey,
        List<String> pageTitles) {

    public AddDeckCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
