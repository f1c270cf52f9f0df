package dev.lectern.query.studio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lectern.events.EventCatalogue;
import dev.lectern.events.studio.CtaHiddenEvent;
import dev.lectern.events.studio.CtaShownEvent;
import dev.lectern.events.studio.DeckAddedEvent;
import dev.lectern.query.projection.StorableText;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the studio read model: the decks each class recorded ({@code studio_decks}) and the call to
 * action it shows now ({@code studio_ctas}), which the page-link and QR-code endpoints read instead of the
 * log. Runs in its own tracking processor, whose unit of work is a Spring transaction on the token store's
 * DataSource: rows and the token that covers them commit together. Every write is an idempotent upsert
 * guarded by the event's global position. A new group starts at the beginning of the log (Axon's default:
 * a replay up to the head), so the first start fills the tables from every class recorded before
 * (docs/adr/0023-query-side-read-models-for-studio.md).
 */
@Component
@ProcessingGroup(StudioProjector.PROCESSING_GROUP)
class StudioProjector {

    static final String PROCESSING_GROUP = "studio";

    /** The public names of the events this model is built from (what a read waits for). */
    static final Set<String> EVENT_NAMES = Stream.of(DeckAddedEvent.class, CtaShownEvent.class, CtaHiddenEvent.class)
            .map(type -> EventCatalogue.nameOf(type).orElseThrow())
            .collect(Collectors.toUnmodifiableSet());

    private final JdbcTemplate jdbc;

    StudioProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A deck is recorded once; a replayed or redelivered deck.added changes nothing. */
    @EventHandler
    void on(DeckAddedEvent event, TrackingToken token) {
        jdbc.update(
                """
                INSERT INTO studio_decks (tenant_id, session_id, deck_id, page_count, last_event_position)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, session_id, deck_id) DO NOTHING""",
                event.tenantId().value(),
                event.sessionId().value(),
                event.deckId().value(),
                event.pageCount(),
                token.position().orElseThrow());
    }

    @EventHandler
    void on(CtaShownEvent event, TrackingToken token) {
        // The link is the one text this model stores: refused before any statement if PostgreSQL cannot hold it
        // (docs/adr/0012-poison-isolation-dead-letters.md).
        StorableText.check(JsonNodeFactory.instance.objectNode().put("url", event.url()));
        cta(event.tenantId().value(), event.sessionId().value(), event.url(), token);
    }

    @EventHandler
    void on(CtaHiddenEvent event, TrackingToken token) {
        cta(event.tenantId().value(), event.sessionId().value(), null, token);
    }

    /** The latest cta.shown or cta.hidden wins: an event at or below the row's position was already applied. */
    private void cta(String tenant, UUID session, String url, TrackingToken token) {
        jdbc.update("""
                INSERT INTO studio_ctas (tenant_id, session_id, url, last_event_position) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, session_id) DO UPDATE SET
                    url = EXCLUDED.url, last_event_position = EXCLUDED.last_event_position
                WHERE studio_ctas.last_event_position < EXCLUDED.last_event_position""", tenant, session, url, token.position().orElseThrow());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM studio_decks");
        jdbc.update("DELETE FROM studio_ctas");
    }
}
