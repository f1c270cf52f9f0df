package dev.lectern.events.error;

import java.util.Objects;

/**
 * A command was refused because it would break an invariant. Checked on purpose: Axon rolls back
 * and evicts the cached aggregate on unchecked exceptions, which would turn every refusal into a
 * full stream reload (see docs/adr/0004).
 */
public class DomainException extends Exception {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }
}
