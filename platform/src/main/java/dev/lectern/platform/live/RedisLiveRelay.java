package dev.lectern.platform.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.platform.eventstore.CommitSignal;
import dev.lectern.query.livestate.LiveEvent;
import dev.lectern.query.livestate.LiveRelay;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * Live fan-out between nodes through Redis pub/sub (only when {@code REDIS_URL} is set).
 *
 * <p>The node whose live-state projector handled an event publishes it on {@value #LIVE}; every other
 * node hands it to its own streams. After each local commit of events a node also says so on
 * {@value #COMMITS}, so that the node running the projector reads them at once instead of at its next
 * poll. The PostgreSQL wake-up ({@link PostgresLiveRelay}) carries the same, so that classes converge
 * within a second without Redis too; {@link RemoteLiveEvents} hands each event on once. Redis is a
 * shortcut, never the record: a lost message is noticed by the stream (position
 * jump or heartbeat) and read from the log. Redis down: classes go on, publishing fails quietly
 * (counted, logged once per outage), subscriptions retry, clients converge through the log.
 */
@Component
@ConditionalOnExpression("!'${lectern.redis.url:}'.isBlank()")
class RedisLiveRelay implements LiveRelay, SmartLifecycle {

    static final String LIVE = "lectern:live";
    static final String COMMITS = "lectern:commits";
    private static final Logger log = LoggerFactory.getLogger(RedisLiveRelay.class);

    private final ReactiveRedisConnectionFactory connections;
    private final ReactiveStringRedisTemplate redis;
    private final RemoteLiveEvents remote;
    private final CommitSignal commits;
    private final ObjectMapper json;
    private final String node = UUID.randomUUID().toString();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private volatile ReactiveRedisMessageListenerContainer container;
    private volatile Disposable listening;
    private volatile boolean running;

    record Envelope(String origin, List<LiveEvent> events) {}

    RedisLiveRelay(
            ReactiveRedisConnectionFactory connections,
            ReactiveStringRedisTemplate redis,
            RemoteLiveEvents remote,
            CommitSignal commits,
            ObjectMapper json) {
        this.connections = connections;
        this.redis = redis;
        this.remote = remote;
        this.commits = commits;
        this.json = json;
    }

    @Override
    public void send(List<LiveEvent> events) {
        try {
            String message = json.writeValueAsString(new Envelope(node, events));
            redis.convertAndSend(LIVE, message).subscribe(n -> recovered(), this::failed);
        } catch (JsonProcessingException e) {
            log.error("live event could not be serialised for Redis", e);
        }
    }

    private void announceCommit() {
        redis.convertAndSend(COMMITS, node).subscribe(n -> recovered(), this::failed);
    }

    private void receive(String channel, String message) {
        if (COMMITS.equals(channel)) {
            if (!node.equals(message)) {
                commits.committedElsewhere();
            }
            return;
        }
        try {
            Envelope envelope = json.readValue(message, Envelope.class);
            if (!node.equals(envelope.origin())) {
                remote.deliver(envelope.events());
            }
        } catch (JsonProcessingException e) {
            log.warn("ignoring a malformed live message on {}", channel);
        }
    }

    private void failed(Throwable error) {
        if (healthy.compareAndSet(true, false)) {
            log.warn(
                    "Redis live fan-out unavailable ({}); classes go on, streams catch up from the log",
                    error.toString());
        }
    }

    private void recovered() {
        if (healthy.compareAndSet(false, true)) {
            log.info("Redis live fan-out available again");
        }
    }

    boolean healthy() {
        return healthy.get();
    }

    @Override
    public void start() {
        running = true;
        commits.onLocalCommit(this::announceCommit);
        listening = reactor.core.publisher.Flux.defer(() -> {
                    ReactiveRedisMessageListenerContainer fresh =
                            new ReactiveRedisMessageListenerContainer(connections);
                    container = fresh;
                    return fresh.receive(ChannelTopic.of(LIVE), ChannelTopic.of(COMMITS))
                            .doOnSubscribe(s -> recovered())
                            .doFinally(s -> fresh.destroyLater().subscribe(v -> {}, e -> {}));
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(signal -> failed(signal.failure())))
                .subscribe(
                        message -> receive(message.getChannel(), message.getMessage()),
                        error -> log.error("Redis live subscription ended", error));
    }

    @Override
    public void stop() {
        running = false;
        if (listening != null) {
            listening.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
