package dev.lectern.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Token positions as a read sees them in token_entry, stored by Axon's Jackson serializer (the configured one). */
class ProcessorPositionsTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    private long stored(TrackingToken token) {
        SerializedObject<byte[]> data = serializer.serialize(token, byte[].class);
        return ProcessorPositions.position(
                serializer, data.getData(), data.getType().getName());
    }

    @Test
    void aTrackingTokenIsAtItsGlobalIndex() {
        assertThat(stored(new GlobalSequenceTrackingToken(42))).isEqualTo(42);
        assertThat(stored(GapAwareTrackingToken.newInstance(57, List.of(55L)))).isEqualTo(57);
    }

    @Test
    void aReplayIsWhereItHasGotToNotWhereItWillEnd() {
        TrackingToken fresh = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(500));
        assertThat(stored(fresh))
                .as("a group's first start, before its first event: the start of the log")
                .isLessThanOrEqualTo(0);
        TrackingToken under = ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(500), new GlobalSequenceTrackingToken(120));
        assertThat(stored(under)).isEqualTo(120);
    }

    @Test
    void aWaitingReadPollsLessAndLessOften() {
        assertThat(java.util.stream.LongStream.range(0, 8)
                        .mapToObj(ProcessorPositions::pause)
                        .map(d -> d.toMillis()))
                .containsExactly(10L, 20L, 40L, 80L, 160L, 200L, 200L, 200L);
    }

    @Test
    void noTokenIsBeforeTheFirstEvent() {
        assertThat(ProcessorPositions.position(serializer, null, null)).isEqualTo(-1);
    }
}
