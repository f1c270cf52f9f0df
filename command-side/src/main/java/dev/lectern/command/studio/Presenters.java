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

import java.util.List;

/**
 * The edge check for decks and slides, before any upload is read or rendered: teachers and admins by
 * role (the Session aggregate then checks it is their class), anyone else only while the class's log
 * says they hold the {@code present} permission. The aggregate remains the authority; this only keeps
 * people who can never present from making the server render and store a PDF.
 */
@Component
class Presenters {

    private static final String LATEST_PRESENT_DECISION = """
            SELECT event_name FROM session_state_events_readable
            WHERE tenant_id = ? AND session_id = ?::uuid
              AND ((event_name IN ('permission.granted', 'permission.revoked')
                    AND payload->>'userId' = ? AND payload->>'permission' = 'PRESENT')
                   OR (event_name = 'participant.revoked' AND payload->>'userId' = ?))
            ORDER BY global_index DESC LIMIT 1""";

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
            String user = actor.userId().toString();
            List<String> latest = jdbc.queryForList(LATEST_PRESENT_DECISION, String.class, actor.tenantId().value(),
                    session.toString(), user, user);
            if (latest.isEmpty() || !"permission.granted".equals(latest.get(0))) {
                throw refused();
            }
            return latest;
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private static RequestRejectedException refused() {
        return new RequestRejectedException(ErrorCode.FORBIDDEN,
                "Only this class's teacher, an admin or a participant given the present permission may show slides");
    }
}
