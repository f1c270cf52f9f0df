package dev.lectern.command.idempotency;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;

import java.util.regex.Pattern;

/** The client's {@code Idempotency-Key}: 1 to 255 visible ASCII characters, unique per tenant. */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern GRAMMAR = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    public IdempotencyKey {
        if (value == null || !GRAMMAR.matcher(value).matches()) {
            throw new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                    HEADER + " must be 1 to 255 visible ASCII characters without spaces");
        }
    }

    /** Every write endpoint requires the header: a classroom network drops responses, and retries must be safe. */
    public static IdempotencyKey require(String header) {
        if (header == null || header.isEmpty()) {
            throw new RequestRejectedException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
                    "Send an " + HEADER + " header (for example a UUID) with every write; retries reuse it");
        }
        return new IdempotencyKey(header);
    }
}
