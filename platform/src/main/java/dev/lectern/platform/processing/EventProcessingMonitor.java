package dev.lectern.platform.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where every streaming processing group is: its lag behind the head of {@code session_state_events}
 * (events, and the time of the last event it processed) and its parked class sequences. Exposed as
 * gauges ({@code lectern.projection.lag}, {@code lectern.projection.last.event}, {@code
 * lectern.dead.letters.sequences}, {@code lectern.dead.letters.events}, tagged by group), as the health
 * component {@code eventProcessing} (always UP: a parked class is that class's problem, not a reason to
 * take the node out of service; it is not in the readiness group) and in the operators' projection status.
 * Readings are cached for a second, so health probes and scrapes cost a few index lookups at most.
 */
@Component("eventProcessing")
public class EventProcessingMonitor implements HealthIndicator {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final EventProcessingConfiguration processing;
    private final DeadLetterGroups deadLetters;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<MeterRegistry> meters;
    private volatile Snapshot cached;

    EventProcessingMonitor(
            EventProcessingConfiguration processing,
            DeadLetterGroups deadLetters,
            JdbcTemplate jdbc,
            Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        this.processing = processing;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * One processing group now. {@code position} is the lowest position its segments have reached (-1
     * before the first event), {@code lag} how many positions the head of the log is ahead of it,
     * {@code lastEventAt} when the event at its position happened; {@code parkedSequences} (classes) and
     * {@code parkedLetters} (events) are null for a group without a dead-letter queue (sagas).
     */
    public record GroupState(
            String group,
            long position,
            long head,
            long lag,
            Instant lastEventAt,
            boolean running,
            boolean replaying,
            Long parkedSequences,
            Long parkedLetters) {}

    private record Snapshot(Instant at, Map<String, GroupState> groups) {}

    public Map<String, GroupState> groups() {
        Snapshot snapshot = cached;
        Instant now = clock.instant();
        if (snapshot == null || snapshot.at().plus(FRESH).isBefore(now)) {
            try {
                snapshot = new Snapshot(now, read());
            } catch (RuntimeException e) {
                // The database is down (its own health component says so) or Axon is still starting:
                // keep the last reading rather than fail a probe or a scrape.
                return snapshot == null ? Map.of() : snapshot.groups();
            }
            cached = snapshot;
        }
        return snapshot.groups();
    }

    public Optional<GroupState> group(String name) {
        return Optional.ofNullable(groups().get(name));
    }

    /** Drops the cached reading (after an operator changed the queue). */
    public void refresh() {
        cached = null;
    }

    private Map<String, GroupState> read() {
        Long max = jdbc.queryForObject("SELECT max(global_index) FROM session_state_events", Long.class);
        long head = max == null ? -1 : max;
        Set<String> withQueue = deadLetters.names();
        Map<String, GroupState> result = new LinkedHashMap<>();
        for (Map.Entry<String, EventProcessor> entry :
                new java.util.TreeMap<>(processing.eventProcessors()).entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            String group = entry.getKey();
            long position = processor.processingStatus().values().stream()
                    .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                    .min()
                    .orElse(-1);
            Long sequences = null;
            Long letters = null;
            if (withQueue.contains(group)) {
                SequencedDeadLetterQueue<EventMessage<?>> queue =
                        deadLetters.queue(group).orElseThrow();
                sequences = queue.amountOfSequences();
                letters = queue.size();
            }
            result.put(
                    group,
                    new GroupState(
                            group,
                            position,
                            head,
                            Math.max(0, head - position),
                            eventTime(position),
                            processor.isRunning(),
                            processor.isReplaying(),
                            sequences,
                            letters));
        }
        return result;
    }

    private Instant eventTime(long position) {
        if (position < 0) {
            return null;
        }
        List<java.sql.Timestamp> found = jdbc.queryForList(
                "SELECT occurred_at FROM session_state_events "
                        + "WHERE global_index <= ? ORDER BY global_index DESC LIMIT 1",
                java.sql.Timestamp.class,
                position);
        return found.isEmpty() ? null : found.get(0).toInstant();
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        long parked = 0;
        for (GroupState state : groups().values()) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("lag", state.lag());
            if (state.lastEventAt() != null) {
                group.put("lastEventAt", state.lastEventAt().toString());
            }
            group.put("running", state.running());
            if (state.parkedSequences() != null) {
                group.put("parkedSequences", state.parkedSequences());
                group.put("parkedLetters", state.parkedLetters());
                parked += state.parkedSequences();
            }
            details.put(state.group(), group);
        }
        return Health.up()
                .withDetail("parkedSequences", parked)
                .withDetail("groups", details)
                .build();
    }

    /** Gauges per group, once the processors exist. */
    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return;
        }
        for (String group : new TreeSet<>(groups().keySet())) {
            Gauge.builder("lectern.projection.lag", () -> value(group, GroupState::lag))
                    .tag("group", group)
                    .baseUnit("events")
                    .description("Positions the head of the event log is ahead of the processing group")
                    .register(registry);
            Gauge.builder(
                            "lectern.projection.last.event",
                            () -> value(
                                    group,
                                    s -> s.lastEventAt() == null
                                            ? Double.NaN
                                            : s.lastEventAt().toEpochMilli() / 1000.0))
                    .tag("group", group)
                    .baseUnit("seconds")
                    .description("When the last event the processing group processed happened (epoch seconds)")
                    .register(registry);
            if (deadLetters.names().contains(group)) {
                Gauge.builder("lectern.dead.letters.sequences", () -> value(group, GroupState::parkedSequences))
                        .tag("group", group)
                        .baseUnit("sequences")
                        .description("Classes parked in the processing group's dead-letter queue")
                        .register(registry);
                Gauge.builder("lectern.dead.letters.events", () -> value(group, GroupState::parkedLetters))
                        .tag("group", group)
                        .baseUnit("events")
                        .description("Events parked in the processing group's dead-letter queue")
                        .register(registry);
            }
        }
    }

    private double value(String group, java.util.function.Function<GroupState, Number> metric) {
        GroupState state = groups().get(group);
        Number value = state == null ? null : metric.apply(state);
        return value == null ? Double.NaN : value.doubleValue();
    }
}
