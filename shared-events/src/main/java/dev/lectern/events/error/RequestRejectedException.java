package dev.lectern.events.error;

import java.util.Objects;

/** A request was refused at the edge (missing header, unknown id, reused key) before any command ran. */
public class RequestRejectedException extends RuntimeException {

    private final ErrorCode code;

    public RequestRejectedException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }
}
