package dev.lectern.events.studio;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A slide deck (PDF) was uploaded, stored and rendered: {@code objectKey} is the original in the bucket; {@code renderedPages} pages have images; {@code pageTitles} is the first line of each page's text (for chapter titles). */
@EventName("deck.added")
@Revision("1")
public record DeckAddedEvent(
        SessionId sessionId,
        TenantId tenantId,
        DeckId deckId,
        String title,
        int pageCount,
        int renderedPages,
        String objectKey,
        List<String> pageTitles,
        String addedBy,
        Instant addedAt)
        implements StudioEvent {}
