package dev.lectern.platform.processing;

import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * The enqueue policy of every processing group: a failing event is always parked (never dropped) with its
 * cause's type and a cleaned, shortened message, and the number of attempts so far in its diagnostics;
 * {@link DeadLetterRetries} retries it once {@link #dueAt} has come.
 */
public final class RetryWithBackoff implements EnqueuePolicy<EventMessage<?>> {

    public static final String ATTEMPTS = "attempts";
    public static final String CAUSE_TYPE = "causeType";

    private final DeadLetterProperties properties;

    public RetryWithBackoff(DeadLetterProperties properties) {
        this.properties = properties;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        int attempts = attempts(letter) + 1;
        String type = cause.getClass().getName();
        return Decisions.requeue(
                cause(cause, properties.causeLength()),
                l -> l.diagnostics().and(ATTEMPTS, attempts).and(CAUSE_TYPE, type));
    }

    /**
     * The failure's exception type. Kept in the diagnostics as well, because Axon's JDBC letter records a
     * requeue's cause as {@code ThrowableCause} itself (it wraps the cause it is given once more).
     */
    public static String causeType(DeadLetter<?> letter) {
        Object type = letter.diagnostics().get(CAUSE_TYPE);
        if (type instanceof String name) {
            return name;
        }
        return letter.cause()
                .map(org.axonframework.messaging.deadletter.Cause::type)
                .orElse(null);
    }

    /** Failed attempts so far (0 for an event parked only because its class was already parked). */
    public static int attempts(DeadLetter<?> letter) {
        Object value = letter.diagnostics().get(ATTEMPTS);
        return value instanceof Number n ? n.intValue() : 0;
    }

    /** When the sequence headed by {@code letter} may be retried. */
    public Instant dueAt(DeadLetter<?> letter) {
        return letter.lastTouched().plus(properties.backoff(attempts(letter)));
    }

    /**
     * The cause as the queue stores it: the type, and the message without characters that PostgreSQL text
     * cannot hold (the failure may be about exactly such content) and at most {@code length} characters.
     */
    static ThrowableCause cause(Throwable cause, int length) {
        String message = cause.getMessage();
        if (message == null) {
            return new ThrowableCause(cause.getClass().getName(), null);
        }
        StringBuilder clean = new StringBuilder(Math.min(message.length(), length));
        for (int i = 0; i < message.length() && clean.length() < length; i++) {
            char c = message.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < message.length()
                        && Character.isLowSurrogate(message.charAt(i + 1))
                        && clean.length() + 2 <= length) {
                    clean.append(c).append(message.charAt(++i));
                } else {
                    clean.append('\uFFFD');
                }
            } else if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7F) {
                clean.append('\uFFFD');
            } else {
                clean.append(c);
            }
        }
        return new ThrowableCause(cause.getClass().getName(), clean.toString());
    }
}
