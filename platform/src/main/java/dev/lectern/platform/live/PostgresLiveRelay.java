package dev.lectern.platform.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.lectern.platform.eventstore.CommitSignal;
import dev.lectern.query.livestate.LiveEvent;
import dev.lectern.query.livestate.LiveRelay;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL wake-up between nodes: LISTEN/NOTIFY on the event log's own database, so that a
 * class's events reach every node's streams within a second with Redis down or absent (docs/adr/0017).
 *
 * <p>Two channels, as on Redis: {@value #COMMITS} after each local commit of events (other nodes wake
 * their event store reader instead of waiting for the next poll) and {@value #LIVE} with what the
 * live-state projector published (other nodes hand it to their streams). A notification payload is at
 * most 8000 bytes: a batch that does not fit is sent as its newest events that do; a stream that then
 * sees a gap reads it from the log. Two dedicated connections outside the pool (one listening, one
 * notifying), reconnected with backoff. Like Redis, this is a shortcut, never the record: a lost
 * notification costs latency (the stream's heartbeat catches up), never an event.
 */
@Component
class PostgresLiveRelay implements LiveRelay, SmartLifecycle {

    static final String LIVE = "lectern_live";
    static final String COMMITS = "lectern_commits";
    /** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; leave room for the envelope. */
    static final int MAX_PAYLOAD_BYTES = 7900;

    private static final Logger log = LoggerFactory.getLogger(PostgresLiveRelay.class);

    private final HikariDataSource database;
    private final RemoteLiveEvents remote;
    private final CommitSignal commits;
    private final ObjectMapper json;
    private final String node = UUID.randomUUID().toString();
    private final BlockingQueue<String[]> outgoing = new ArrayBlockingQueue<>(4096);
    private final AtomicBoolean commitQueued = new AtomicBoolean();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private volatile boolean running;
    private Thread listener;
    private Thread notifier;

    record Envelope(String origin, List<LiveEvent> events) {}

    PostgresLiveRelay(HikariDataSource database, RemoteLiveEvents remote, CommitSignal commits, ObjectMapper json) {
        this.database = database;
        this.remote = remote;
        this.commits = commits;
        this.json = json;
    }

    @Override
    public void send(List<LiveEvent> events) {
        for (int from = 0; from < events.size(); from++) {
            String payload;
            try {
                payload = json.writeValueAsString(new Envelope(node, events.subList(from, events.size())));
            } catch (JsonProcessingException e) {
                log.error("live events could not be serialised for PostgreSQL", e);
                return;
            }
            if (payload.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES) {
                enqueue(LIVE, payload);
                return;
            }
        }
        // Not even the newest event fits: other nodes' streams catch up at their heartbeat.
    }

    private void announceCommit() {
        // One pending "committed" is enough: the reader it wakes reads everything committed so far.
        if (commitQueued.compareAndSet(false, true)) {
            enqueue(COMMITS, node);
        }
    }

    private void enqueue(String channel, String payload) {
        if (!outgoing.offer(new String[] {channel, payload})) {
            failed("notification queue full", null);
        }
    }

    @Override
    public void start() {
        running = true;
        commits.onLocalCommit(this::announceCommit);
        listener = daemon("pg-live-listen", this::listen);
        notifier = daemon("pg-live-notify", this::notifyLoop);
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + LIVE);
                statement.execute("LISTEN " + COMMITS);
                recovered();
                backoff = Duration.ofMillis(200);
                // Anything committed while we were not listening is read now rather than at the next poll.
                commits.committedElsewhere();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        receive(notification.getName(), notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                failed("listening connection lost", e);
                backoff = sleep(backoff);
            }
        }
    }

    private void receive(String channel, String payload) {
        if (COMMITS.equals(channel)) {
            if (!node.equals(payload)) {
                commits.committedElsewhere();
            }
            return;
        }
        try {
            Envelope envelope = json.readValue(payload, Envelope.class);
            if (!node.equals(envelope.origin())) {
                remote.deliver(envelope.events());
            }
        } catch (JsonProcessingException e) {
            log.warn("ignoring a malformed live notification on {}", channel);
        }
    }

    private void notifyLoop() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection connection = connect();
                    PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                backoff = Duration.ofMillis(200);
                while (running) {
                    String[] message = outgoing.poll(500, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        continue;
                    }
                    if (COMMITS.equals(message[0])) {
                        commitQueued.set(false);
                    }
                    notify.setString(1, message[0]);
                    notify.setString(2, message[1]);
                    notify.execute();
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                failed("notifying connection lost", e);
                backoff = sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A connection of its own, outside the pool: LISTEN holds it for the node's lifetime. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(database.getDataSourceProperties());
        if (database.getUsername() != null) {
            properties.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "lectern-live-wakeup");
        // A dead server is noticed by the socket timeout; getNotifications itself polls every 500 ms.
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(database.getJdbcUrl(), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private Duration sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : next;
    }

    private void failed(String what, Throwable error) {
        if (healthy.compareAndSet(true, false)) {
            log.warn(
                    "PostgreSQL live wake-up unavailable ({}: {}); streams catch up at their heartbeat",
                    what,
                    error == null ? "" : error.toString());
        }
    }

    private void recovered() {
        if (healthy.compareAndSet(false, true)) {
            log.info("PostgreSQL live wake-up available again");
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
        if (notifier != null) {
            notifier.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
