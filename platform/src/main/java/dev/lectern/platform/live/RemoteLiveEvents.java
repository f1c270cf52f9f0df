package dev.lectern.platform.live;

import dev.lectern.query.livestate.LiveEvent;
import dev.lectern.query.livestate.LiveFanout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Where live events from other nodes enter this node's streams. Two relays may carry the same events
 * (Redis pub/sub and the PostgreSQL wake-up): each class's events are handed on once, in log order, by
 * remembering the highest position delivered per class. Skipped positions are no loss: a stream that
 * sees a gap reads it from the log.
 */
@Component
class RemoteLiveEvents {

    private static final int CLASSES_REMEMBERED = 10_000;

    private final LiveFanout fanout;
    private final Map<String, Long> delivered = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CLASSES_REMEMBERED;
        }
    };

    RemoteLiveEvents(LiveFanout fanout) {
        this.fanout = fanout;
    }

    void deliver(List<LiveEvent> events) {
        List<LiveEvent> fresh = new ArrayList<>(events.size());
        synchronized (delivered) {
            for (LiveEvent event : events) {
                String key = event.tenantId() + "/" + event.sessionId();
                Long highest = delivered.get(key);
                if (highest == null || event.position() > highest) {
                    delivered.put(key, event.position());
                    fresh.add(event);
                }
            }
        }
        if (!fresh.isEmpty()) {
            fanout.deliverLocally(fresh);
        }
    }
}
