package dev.lectern.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * A health component that never calls its dependency on the request path: a background thread probes
 * every {@code interval}, and a health request answers at once with the last result and its age. A
 * probe that has not answered within {@code timeout} counts as a failure from that moment on, so a
 * hung dependency shows up within the timeout even when its client would wait a minute.
 *
 * <p>A kill-switch dependency (the event log) fails as {@link Status#DOWN}; a degradable one (object
 * storage, Redis, LiveKit, the identity provider) as {@link HealthStatuses#DEGRADED}, which the
 * top-level health answers with 200 so that a load balancer keeps the node. See docs/adr/0017.
 */
final class BackgroundProbe implements HealthIndicator, DisposableBean {

    /** What one probe found; thrown exceptions count as failures. */
    @FunctionalInterface
    interface Check {
        Health run() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(BackgroundProbe.class);

    private final String name;
    private final Check check;
    private final Duration timeout;
    private final Status failed;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final AtomicReference<Result> last = new AtomicReference<>();
    private volatile Instant probingSince;

    private record Result(Health health, Instant at) {}

    BackgroundProbe(String name, Check check, Duration interval, Duration timeout, boolean killSwitch) {
        this.name = name;
        this.check = check;
        this.timeout = timeout;
        this.failed = killSwitch ? Status.DOWN : HealthStatuses.DEGRADED;
        this.clock = Clock.systemUTC();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "health-probe-" + name);
            t.setDaemon(true);
            return t;
        });
        // The first result is awaited (at most the timeout) so that a node reports its real state from the start.
        var first = thread.submit(this::probe);
        try {
            first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception notYet) {
            // reported as "no answer" by health() until the probe returns
        }
        thread.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        probingSince = clock.instant();
        Health result;
        try {
            Health found = check.run();
            result = Status.UP.equals(found.getStatus())
                    ? found
                    : Health.status(failed).withDetails(found.getDetails()).build();
        } catch (Exception | LinkageError e) {
            result = Health.status(failed).withDetail("error", describe(e)).build();
        }
        Result previous = last.getAndSet(new Result(result, clock.instant()));
        probingSince = null;
        if (previous != null && !previous.health().getStatus().equals(result.getStatus())) {
            log.warn(
                    "health of {} changed from {} to {} {}",
                    name,
                    previous.health().getStatus(),
                    result.getStatus(),
                    result.getDetails());
        }
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Instant since = probingSince;
        if (since != null && Duration.between(since, now).compareTo(timeout) > 0) {
            return Health.status(failed)
                    .withDetail(
                            "error",
                            "no answer for " + Duration.between(since, now).toMillis() + " ms")
                    .withDetail("probingSince", since.toString())
                    .build();
        }
        Result result = last.get();
        if (result == null) {
            return Health.unknown().withDetail("error", "not probed yet").build();
        }
        return Health.status(result.health().getStatus())
                .withDetails(result.health().getDetails())
                .withDetail("checkedAt", result.at().toString())
                .withDetail("ageMillis", Duration.between(result.at(), now).toMillis())
                .build();
    }

    /** The failure's type and message, never a stack trace; enough for an operator to tell causes apart. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
