package dev.lectern.command.studio;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.session.SessionId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The edge check for decks and slides, before any upload is read or rendered: teachers and admins by
 * role (the Session aggregate then checks it is their class), anyone else only while they hold the
 * {@code present} permission in the class ({@code class_presenters}, kept by {@link StudioTables} from the
 * class's permission events, docs/adr/0021). The aggregate remains the authority; this only keeps
 * people who can never present from making the server render and store a PDF.
 */
@Component
class Presenters {

    private static final String PRESENTING = """
            SELECT EXISTS (SELECT 1 FROM class_presenters
                           WHERE tenant_id = ? AND session_id = ? AND user_id = ? AND presenting)""";

    private final JdbcTemplate jdbc;

    Presenters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Mono<Void> require(Actor actor, SessionId session) {
        if (Capability.RUN_SESSION.allows(actor)) {
            return Mono.empty();
        }
        if (actor.userId() == null) {
            return Mono.error(Presenters::refused);
        }
        return Mono.fromCallable(() -> {
                    Boolean presenting = jdbc.queryForObject(
                            PRESENTING,
                            Boolean.class,
                            actor.tenantId().value(),
                            session.value(),
                            actor.userId().value());
                    if (!Boolean.TRUE.equals(presenting)) {
                        throw refused();
                    }
                    return presenting;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private static RequestRejectedException refused() {
        return new RequestRejectedException(
                ErrorCode.FORBIDDEN,
                "Only this class's teacher, an admin or a participant given the present permission may show slides");
    }
}
