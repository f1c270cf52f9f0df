package dev.lectern.events.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A command was refused because it would break an invariant. Checked on purpose: Axon rolls back
 * and evicts the cached aggregate on unchecked exceptions, which would turn every refusal into a
 * full stream reload (see docs/adr/0004).
 */
public class DomainException extends Exception {

    private final ErrorCode code;
    private final Duration retryAfter;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    /** A refusal that lifts by itself after {@code retryAfter} (slow mode): the answer carries Retry-After. */
    public DomainException(ErrorCode code, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.code = Objects.requireNonNull(code);
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
