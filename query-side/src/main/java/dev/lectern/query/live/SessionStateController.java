package dev.lectern.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.query.access.ClassAccess;
import dev.lectern.query.livestate.ClassState;
import dev.lectern.query.livestate.ClassStateView;
import dev.lectern.query.livestate.LiveStateStore;
import dev.lectern.query.web.Moments;
import dev.lectern.query.web.PathIds;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /sessions/{id}/state}: the live state of a class as this viewer may see it (seed 001), read
 * from the live projection through R2DBC. With {@code ?at=} (an ISO instant, or an ISO duration such
 * as {@code PT12M30S} counted from the class's start) it answers the class as it was at that moment,
 * folded from the log by the same reducer: time travel.
 */
@RestController
class SessionStateController {

    private final ClassAccess access;
    private final LiveStateStore states;
    private final ObjectMapper json;

    SessionStateController(ClassAccess access, LiveStateStore states, ObjectMapper json) {
        this.access = access;
        this.states = states;
        this.json = json;
    }

    @GetMapping(path = "/sessions/{sessionId}/state", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ObjectNode> state(Actor actor, @PathVariable String sessionId, @RequestParam(required = false) String at) {
        var id = PathIds.session(sessionId);
        return access.check(actor, id).flatMap(granted -> {
            if (at == null) {
                return Mono.just(ClassStateView.render(granted.state(), granted.viewer(), json));
            }
            Instant moment = moment(at, granted.state());
            return states.at(actor.tenantId().value(), id.value(), moment)
                    .map(past -> ClassStateView.render(past, granted.viewer(), json));
        });
    }

    /** {@code at}: an instant, or an offset from the class's start; both bounded (docs/adr/0013-one-input-rule.md). */
    private static Instant moment(String at, ClassState state) {
        if (!Moments.isOffset(at)) {
            return Moments.instant("at", at);
        }
        Duration offset = Moments.offset("at", at);
        if (state.timing.startedAt == null) {
            throw new RequestRejectedException(
                    ErrorCode.SESSION_NOT_LIVE, "An offset needs a class that has started; give an instant instead");
        }
        return state.timing.startedAt.plus(offset);
    }
}
