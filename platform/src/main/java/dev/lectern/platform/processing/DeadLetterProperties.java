package dev.lectern.platform.processing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lectern.dead-letters.*}: how parked class sequences are kept and retried
 * (docs/adr/0012-poison-isolation-dead-letters.md, docs/runbooks/dead-letters.md).
 *
 * @param firstRetry       wait before the first retry of a parked sequence; doubles with every failed attempt
 * @param maxRetry         the longest wait between two retries
 * @param retryPoll        how often this node looks for sequences that are due
 * @param maxSequences     parked classes per processing group before Axon refuses to park more
 * @param maxSequenceSize  events parked behind one class before Axon refuses to park more
 * @param causeLength      characters of a failure's message that are kept
 */
@ConfigurationProperties("lectern.dead-letters")
public record DeadLetterProperties(
        @DefaultValue("PT1S") Duration firstRetry,
        @DefaultValue("PT5M") Duration maxRetry,
        @DefaultValue("PT1S") Duration retryPoll,
        @DefaultValue("100000") int maxSequences,
        @DefaultValue("1000000") int maxSequenceSize,
        @DefaultValue("500") int causeLength) {

    /** The wait after {@code attempts} failed attempts: firstRetry, 2x, 4x ... capped at maxRetry. */
    public Duration backoff(int attempts) {
        if (attempts <= 0) {
            return Duration.ZERO;
        }
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration wait = firstRetry.multipliedBy(factor);
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
