package dev.lectern.events.studio;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The class moved to a page (1-based) of one of its decks. */
@EventName("slide.changed")
@Revision("1")
public record SlideChangedEvent(
        SessionId sessionId, TenantId tenantId, DeckId deckId, int page, String changedBy, Instant changedAt)
        implements StudioEvent {}
