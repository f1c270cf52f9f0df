package dev.lectern.events.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A request was refused at the edge (missing header, unknown id, reused key) before any command ran. */
public class RequestRejectedException extends RuntimeException {

    private final ErrorCode code;
    private final String parameter;
    private final Duration retryAfter;

    public RequestRejectedException(ErrorCode code, String detail) {
        this(code, detail, null, null);
    }

    private RequestRejectedException(ErrorCode code, String detail, String parameter, Duration retryAfter) {
        super(detail, null, false, false);
        this.code = Objects.requireNonNull(code);
        this.parameter = parameter;
        this.retryAfter = retryAfter;
    }

    /** A query parameter (or form field) that is not valid: a 400 whose {@code errors[]} names it. */
    public static RequestRejectedException invalidParameter(String parameter, String detail) {
        return new RequestRejectedException(
                ErrorCode.VALIDATION_FAILED, parameter + " " + detail, Objects.requireNonNull(parameter), null);
    }

    /** A refusal the client may try again after {@code retryAfter} (the answer carries Retry-After). */
    public static RequestRejectedException retryAfter(ErrorCode code, String detail, Duration retryAfter) {
        return new RequestRejectedException(code, detail, null, Objects.requireNonNull(retryAfter));
    }

    public ErrorCode code() {
        return code;
    }

    /** The query parameter or form field at fault, when there is one. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
