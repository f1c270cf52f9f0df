package dev.lectern.events.error;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * What a refusal tells the caller, in a form that crosses a distributed command bus: the details of
 * the {@code CommandExecutionException} that the command bus's exception-wrapping interceptor makes of
 * a {@link DomainException} or {@link RequestRejectedException}. A remote caller gets these details,
 * never the exception itself (see docs/adr/0004-errors-problem-json.md).
 *
 * @param parameter the query parameter or form field at fault, when there is one
 * @param retryAfterMillis how long the refusal lasts, when it lifts by itself; milliseconds so that
 *     every serializer carries it unchanged
 */
public record DomainError(ErrorCode code, String detail, String parameter, Long retryAfterMillis)
        implements Serializable {

    public DomainError {
        Objects.requireNonNull(code);
    }

    public static DomainError of(DomainException refused) {
        return new DomainError(refused.code(), refused.getMessage(), null, millis(refused.retryAfter()));
    }

    public static DomainError of(RequestRejectedException rejected) {
        return new DomainError(
                rejected.code(),
                rejected.getMessage(),
                rejected.parameter().orElse(null),
                millis(rejected.retryAfter()));
    }

    /**
     * The refusal a failure carries, wherever in its cause chain: a {@link DomainException} or
     * {@link RequestRejectedException} (a handler that ran here), or the details of a
     * {@link CommandExecutionException} (a handler that may have run on another node). Empty for anything else.
     */
    public static Optional<DomainError> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestRejectedException rejected) {
                return Optional.of(of(rejected));
            }
            if (t instanceof DomainException refused) {
                return Optional.of(of(refused));
            }
            if (t instanceof CommandExecutionException wrapped
                    && wrapped.getDetails().orElse(null) instanceof DomainError details) {
                return Optional.of(details);
            }
        }
        return Optional.empty();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfterMillis).map(Duration::ofMillis);
    }

    public Optional<String> parameterAtFault() {
        return Optional.ofNullable(parameter);
    }

    private static Long millis(Optional<Duration> duration) {
        return duration.map(Duration::toMillis).orElse(null);
    }
}
