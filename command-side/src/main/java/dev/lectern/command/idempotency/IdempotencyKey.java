package dev.lectern.command.idempotency;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The client's {@code Idempotency-Key}: 1 to 255 visible ASCII characters, unique per tenant.
 *
 * <p>A controller declares an {@code IdempotencyKey} parameter and gets the header as sent
 * ({@link IdempotencyKeyArgumentResolver}), not yet checked: the write path checks it with {@link #require()}
 * after the capability, as every write did before the resolver existed, so a caller without the capability
 * still hears 403 rather than a complaint about the key (docs/adr/0020-thin-controllers-one-write-path.md).
 * {@link #value()} checks it too, so an unchecked key never reaches the key table or an event.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    /** What a key may be: 1 to 255 visible ASCII characters (also what the API description says). */
    public static final String PATTERN = "^[\\x21-\\x7E]{1,255}$";

    private static final Pattern GRAMMAR = Pattern.compile(PATTERN);

    /** As sent; null when the header is absent. */
    private final String header;

    private IdempotencyKey(String header) {
        this.header = header;
    }

    /** The header as the request carries it (null when absent), to be checked by {@link #require()}. */
    public static IdempotencyKey sent(String header) {
        return new IdempotencyKey(header);
    }

    /** Every write endpoint requires the header: a classroom network drops responses, and retries must be safe. */
    public static IdempotencyKey require(String header) {
        return sent(header).require();
    }

    /** This key, if it is one: a missing header is {@code IDEMPOTENCY_KEY_REQUIRED}, a malformed one {@code VALIDATION_FAILED}. */
    public IdempotencyKey require() {
        if (header == null || header.isEmpty()) {
            throw new RequestRejectedException(
                    ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
                    "Send an " + HEADER + " header (for example a UUID) with every write; retries reuse it");
        }
        if (!GRAMMAR.matcher(header).matches()) {
            throw new RequestRejectedException(
                    ErrorCode.VALIDATION_FAILED, HEADER + " must be 1 to 255 visible ASCII characters without spaces");
        }
        return this;
    }

    /** The key's text, checked. */
    public String value() {
        return require().header;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyKey key && Objects.equals(header, key.header);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(header);
    }

    @Override
    public String toString() {
        return "IdempotencyKey[value=" + header + "]";
    }
}
