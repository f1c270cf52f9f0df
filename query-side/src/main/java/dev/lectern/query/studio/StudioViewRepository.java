package dev.lectern.query.studio;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.studio.DeckId;
import dev.lectern.query.livestate.SessionLog;
import dev.lectern.query.projection.ProcessorPositions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Reads the studio read model ({@link StudioProjector}) through R2DBC. Each read first waits (briefly) until
 * the model includes the class's latest committed deck or CTA event, so an answer right after the teacher's
 * command shows that command, as when these endpoints read the log. Only those events count: Axon commits a
 * group's token at once for a batch it handles, but only now and then for a batch it has no handler for
 * (docs/adr/0023-query-side-read-models-for-studio.md).
 */
@Repository
class StudioViewRepository {

    private final DatabaseClient db;
    private final SessionLog log;
    private final ProcessorPositions positions;

    StudioViewRepository(DatabaseClient db, SessionLog log, ProcessorPositions positions) {
        this.db = db;
        this.log = log;
        this.positions = positions;
    }

    /** The link of the call to action the class shows now; empty when it shows none. */
    Mono<String> currentCtaUrl(TenantId tenant, SessionId session) {
        return caughtUp(tenant, session)
                .then(db.sql("SELECT url FROM studio_ctas WHERE tenant_id = :tenant AND session_id = :session")
                        .bind("tenant", tenant.value())
                        .bind("session", session.value())
                        .map((row, meta) -> row.get("url", String.class) == null ? "" : row.get("url", String.class))
                        .one())
                .filter(url -> !url.isEmpty());
    }

    /** The page count of a deck the class recorded; empty when the class has no such deck. */
    Mono<Integer> pageCount(TenantId tenant, SessionId session, DeckId deck) {
        return caughtUp(tenant, session)
                .then(db.sql("""
                                SELECT page_count FROM studio_decks
                                WHERE tenant_id = :tenant AND session_id = :session AND deck_id = :deck""")
                        .bind("tenant", tenant.value())
                        .bind("session", session.value())
                        .bind("deck", deck.value())
                        .map((row, meta) -> row.get("page_count", Integer.class))
                        .one());
    }

    private Mono<Void> caughtUp(TenantId tenant, SessionId session) {
        return log.latestPosition(tenant.value(), session.value(), StudioProjector.EVENT_NAMES)
                .flatMap(position -> positions.awaitPosition(StudioProjector.PROCESSING_GROUP, position));
    }
}
