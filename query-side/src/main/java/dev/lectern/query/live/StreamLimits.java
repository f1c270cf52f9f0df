package dev.lectern.query.live;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code lectern.live.max-streams-per-principal} open streams per person on this node (a few
 * tabs and devices, not a runaway reconnect loop). Over the cap: 429, and nothing is opened.
 */
@Component
class StreamLimits {

    private final int maxPerPrincipal;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    StreamLimits(@Value("${lectern.live.max-streams-per-principal:5}") int maxPerPrincipal) {
        this.maxPerPrincipal = maxPerPrincipal;
    }

    /** Takes a slot or refuses; the returned runnable gives it back (exactly once). */
    Runnable acquire(Actor actor) {
        String key = actor.tenantId().value() + "/" + actor.subject();
        boolean[] granted = {false};
        open.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= maxPerPrincipal) {
                return n;
            }
            granted[0] = true;
            return current + 1;
        });
        if (!granted[0]) {
            throw new RequestRejectedException(
                    ErrorCode.RATE_LIMITED, "At most " + maxPerPrincipal + " open streams per person; close one first");
        }
        boolean[] released = {false};
        return () -> {
            synchronized (released) {
                if (released[0]) {
                    return;
                }
                released[0] = true;
            }
            open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
        };
    }
}
