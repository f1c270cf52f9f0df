package dev.lectern.query.livestate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Hands committed class events to the live streams of this node, and (through a {@link LiveRelay},
 * Redis when configured) to the other nodes. Each stream has a bounded buffer: a reader that falls
 * {@code lectern.live.buffer} events behind is dropped with a {@link SlowConsumerException} (its
 * client reconnects with Last-Event-ID and catches up from the log) rather than buffered without bound.
 */
@Component
public class LiveFanout {

    private final Map<String, Set<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter dropped;
    private volatile LiveRelay relay = LiveRelay.NONE;

    LiveFanout(ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            registry.gauge("lectern.live.streams", open);
            dropped = Counter.builder("lectern.live.slow_consumers_dropped").register(registry);
        } else {
            dropped = null;
        }
    }

    /** Installs the relay to other nodes (the platform does, when Redis is configured). */
    public void relayTo(LiveRelay relay) {
        this.relay = relay;
    }

    /** Events committed on this node's projector: to local streams, then to the other nodes. */
    public void publish(List<LiveEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        deliverLocally(events);
        relay.send(events);
    }

    /** Events to this node's streams only (what a relay calls for events from other nodes). */
    public void deliverLocally(List<LiveEvent> events) {
        for (LiveEvent event : events) {
            Set<Subscription> targets = subscriptions.get(key(event.tenantId(), event.sessionId()));
            if (targets != null) {
                for (Subscription subscription : targets) {
                    subscription.offer(event);
                }
            }
        }
    }

    /** Opens a live feed of one class on this node; events are buffered from this moment on. */
    public Subscription subscribe(String tenantId, UUID sessionId, int buffer) {
        Subscription subscription = new Subscription(key(tenantId, sessionId), buffer);
        subscriptions.compute(subscription.key, (k, set) -> {
            Set<Subscription> result = set == null ? ConcurrentHashMap.newKeySet() : set;
            result.add(subscription);
            return result;
        });
        open.incrementAndGet();
        return subscription;
    }

    public int openStreams() {
        return open.get();
    }

    private static String key(String tenantId, UUID sessionId) {
        return tenantId + "/" + sessionId;
    }

    /** A stream's live feed; {@link #close()} when the stream ends. */
    public final class Subscription implements AutoCloseable {

        private final String key;
        private final int buffer;
        private final Sinks.Many<LiveEvent> sink;
        // Events offered but not yet taken by the stream. The queue grows in small chunks (an idle
        // stream costs a few hundred bytes, not a preallocated array); the bound is enforced here.
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean closed;

        private Subscription(String key, int buffer) {
            this.key = key;
            this.buffer = buffer;
            this.sink = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(Queues.<LiveEvent>unbounded(16).get());
        }

        public Flux<LiveEvent> events() {
            return sink.asFlux().doOnNext(e -> pending.decrementAndGet());
        }

        private synchronized void offer(LiveEvent event) {
            if (closed) {
                return;
            }
            Sinks.EmitResult result =
                    pending.incrementAndGet() > buffer ? Sinks.EmitResult.FAIL_OVERFLOW : sink.tryEmitNext(event);
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                if (dropped != null) {
                    dropped.increment();
                }
                sink.tryEmitError(new SlowConsumerException());
                close();
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            subscriptions.computeIfPresent(key, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
            open.decrementAndGet();
        }
    }

    /** A stream could not keep up and was dropped; the client resumes from the log. */
    public static final class SlowConsumerException extends RuntimeException {
        SlowConsumerException() {
            super("stream reader fell too far behind; reconnect with Last-Event-ID", null, false, false);
        }
    }
}
