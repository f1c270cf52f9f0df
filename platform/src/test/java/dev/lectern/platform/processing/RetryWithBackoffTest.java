package dev.lectern.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionCancelledEvent;
import dev.lectern.events.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;

class RetryWithBackoffTest {

    private final DeadLetterProperties properties =
            new DeadLetterProperties(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(1), 100, 100, 40);
    private final RetryWithBackoff policy = new RetryWithBackoff(properties);

    @Test
    void theWaitDoublesFromOneSecondAndIsCappedAtTheMaximum() {
        assertThat(properties.backoff(0)).isZero();
        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(properties.backoff(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(properties.backoff(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void everyFailureIsParkedWithItsTypeAndAttemptsAndTheNextTryWaitsLonger() {
        EventMessage<?> event = GenericEventMessage.asEventMessage("payload");
        DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>("t:s", event);
        EnqueueDecision<EventMessage<?>> first = policy.decide(letter, new IllegalStateException("boom"));
        assertThat(first.shouldEnqueue()).isTrue();
        DeadLetter<? extends EventMessage<?>> parked =
                first.withDiagnostics(letter.withCause(first.enqueueCause().orElseThrow()));
        assertThat(RetryWithBackoff.attempts(parked)).isEqualTo(1);
        assertThat(RetryWithBackoff.causeType(parked)).isEqualTo(IllegalStateException.class.getName());
        assertThat(parked.cause().orElseThrow().message()).isEqualTo("boom");

        DeadLetter<? extends EventMessage<?>> again =
                policy.decide(parked, new RuntimeException("again")).withDiagnostics(parked);
        assertThat(RetryWithBackoff.attempts(again)).isEqualTo(2);
        assertThat(policy.dueAt(again)).isEqualTo(again.lastTouched().plus(Duration.ofSeconds(2)));
    }

    @Test
    void theStoredMessageHoldsNoControlCharactersOrBrokenSurrogatesAndIsShort() {
        String message = RetryWithBackoff.cause(
                        new IllegalArgumentException("a\u0000b\u0007c\uD800d \uD83D\uDE00 " + "x".repeat(100)), 40)
                .message();
        assertThat(message)
                .hasSize(40)
                .doesNotContain("\u0000")
                .doesNotContain("\u0007")
                .contains("\uD83D\uDE00");
        assertThat(message.chars().filter(c -> Character.isSurrogate((char) c)).count())
                .isEqualTo(2);
        assertThat(RetryWithBackoff.cause(new IllegalStateException(), 40).message())
                .isNull();
    }

    @Test
    void aClassIsOneSequenceWhateverItsAggregate() {
        UUID session = UUID.randomUUID();
        EventMessage<?> cancelled = GenericEventMessage.asEventMessage(new SessionCancelledEvent(
                new SessionId(session), new TenantId("north-high"), "t", null, Instant.now()));
        assertThat(new ClassSequencingPolicy().getSequenceIdentifierFor(cancelled))
                .isEqualTo("north-high:" + session);
    }
}
