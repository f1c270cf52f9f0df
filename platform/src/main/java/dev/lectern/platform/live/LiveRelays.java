package dev.lectern.platform.live;

import dev.lectern.query.livestate.LiveFanout;
import dev.lectern.query.livestate.LiveRelay;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Installs every relay to other nodes (the PostgreSQL wake-up always, Redis when configured) in the live fan-out. */
@Component
class LiveRelays implements SmartLifecycle {

    private final LiveFanout fanout;
    private final ObjectProvider<LiveRelay> relays;
    private volatile boolean running;

    LiveRelays(LiveFanout fanout, ObjectProvider<LiveRelay> relays) {
        this.fanout = fanout;
        this.relays = relays;
    }

    @Override
    public void start() {
        List<LiveRelay> all = relays.orderedStream().toList();
        fanout.relayTo(events -> all.forEach(relay -> relay.send(events)));
        running = true;
    }

    @Override
    public void stop() {
        fanout.relayTo(LiveRelay.NONE);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
