package dev.lectern.query.livestate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.test.StepVerifier;

/** The local fan-out: only the class's own subscribers, bounded buffers, slow readers dropped. */
class LiveFanoutTest {

    private final LiveFanout fanout = new LiveFanout(
            new StaticListableBeanFactory().getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));

    private static LiveEvent event(String tenant, UUID session, long position) {
        return new LiveEvent(
                tenant,
                session,
                position,
                position - 1,
                "participant.left",
                Instant.now(),
                JsonNodeFactory.instance.objectNode());
    }

    @Test
    void aSubscriberGetsItsClassOnlyInOrder() {
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        LiveFanout.Subscription subscription = fanout.subscribe("north-high", mine, 16);
        fanout.publish(List.of(
                event("north-high", mine, 1),
                event("north-high", other, 2),
                event("south-high", mine, 3),
                event("north-high", mine, 4)));
        StepVerifier.create(subscription.events().take(2))
                .assertNext(e -> assertThat(e.position()).isEqualTo(1))
                .assertNext(e -> assertThat(e.position()).isEqualTo(4))
                .verifyComplete();
        subscription.close();
        assertThat(fanout.openStreams()).isZero();
    }

    @Test
    void aReaderThatFallsBehindIsDroppedNotBufferedWithoutBound() {
        UUID session = UUID.randomUUID();
        LiveFanout.Subscription slow = fanout.subscribe("north-high", session, 3);
        for (int i = 1; i <= 5; i++) {
            fanout.publish(List.of(event("north-high", session, i)));
        }
        StepVerifier.create(slow.events())
                .expectNextCount(3)
                .expectError(LiveFanout.SlowConsumerException.class)
                .verify();
        assertThat(fanout.openStreams()).isZero();
    }
}
