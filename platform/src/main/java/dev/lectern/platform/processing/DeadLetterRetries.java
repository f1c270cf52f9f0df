package dev.lectern.platform.processing;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Retries parked class sequences when they are due ({@link RetryWithBackoff#dueAt}: 1 s, 2 s, 4 s ...
 * up to {@code lectern.dead-letters.max-retry} after the last attempt), through Axon's
 * {@link SequencedDeadLetterProcessor} of each processing group. Every node runs it; Axon's claim on
 * a letter keeps two nodes off the same sequence. A sequence that succeeds leaves the queue, and the
 * events parked behind it are processed in order; one that fails again waits longer.
 */
@Component
class DeadLetterRetries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetries.class);
    /** Sequences retried per group per round, so one round stays short. */
    private static final int PER_ROUND = 10;

    private final EventProcessingConfiguration processing;
    private final DeadLetterGroups groups;
    private final RetryWithBackoff policy;
    private final DeadLetterProperties properties;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

    DeadLetterRetries(
            EventProcessingConfiguration processing,
            DeadLetterGroups groups,
            RetryWithBackoff policy,
            DeadLetterProperties properties,
            Clock clock) {
        this.processing = processing;
        this.groups = groups;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round: every due sequence of every running group, up to {@value #PER_ROUND} per group. */
    void retryDue() {
        for (String group : groups.names()) {
            boolean running = processing
                    .eventProcessorByProcessingGroup(group)
                    .map(EventProcessor::isRunning)
                    .orElse(false);
            SequencedDeadLetterProcessor<EventMessage<?>> processor =
                    processing.sequencedDeadLetterProcessor(group).orElse(null);
            if (!running || processor == null) {
                continue;
            }
            try {
                Instant now = clock.instant();
                for (int i = 0;
                        i < PER_ROUND
                                && processor.process(
                                        letter -> !policy.dueAt(letter).isAfter(now));
                        i++) {
                    log.info("A parked sequence of {} was processed and left the dead-letter queue", group);
                }
            } catch (RuntimeException e) {
                log.warn("Retrying dead letters of {} failed: {}", group, e.toString());
            }
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dead-letter-retries");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, properties.retryPoll().toMillis());
        started.scheduleWithFixedDelay(this::retryDue, period, period, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** After Axon's processors have started, before them on the way down. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
