package dev.lectern.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lectern.events.session.SessionScheduledEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class SessionScheduledEventUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();
    private final SessionScheduledEventUpcaster upcaster = new SessionScheduledEventUpcaster();

    @Test
    void revisionOneGainsDefaultDurationAndRecordingFlag() {
        List<IntermediateEventRepresentation> result = upcast(
                SessionScheduledEventUpcaster.REVISION_1.getRevision(),
                "{\"sessionId\":\"3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b\",\"tenantId\":\"north-high\",\"title\":\"Old\","
                        + "\"startsAt\":\"2026-01-05T09:00:00Z\",\"scheduledAt\":\"2026-01-01T09:00:00Z\"}");

        assertThat(result).hasSize(1);
        assertThat(result.get(0).getType().getRevision()).isEqualTo("3");
        JsonNode payload = result.get(0).getData(JsonNode.class).getData();
        assertThat(payload.get("durationMinutes").asInt()).isEqualTo(60);
        assertThat(payload.get("recordingEnabled").asBoolean()).isFalse();
        assertThat(payload.get("title").asText()).isEqualTo("Old");
        assertThat(payload.get("scheduledBy").isNull()).isTrue();
    }

    @Test
    void revisionTwoKeepsItsValuesAndGainsAnUnknownOwner() {
        List<IntermediateEventRepresentation> result =
                upcast("2", "{\"title\":\"New\",\"durationMinutes\":30,\"recordingEnabled\":true}");

        JsonNode payload = result.get(0).getData(JsonNode.class).getData();
        assertThat(payload.get("durationMinutes").asInt()).isEqualTo(30);
        assertThat(payload.get("recordingEnabled").asBoolean()).isTrue();
        assertThat(result.get(0).getType().getRevision()).isEqualTo("3");
    }

    @Test
    void currentRevisionPassesThroughUntouched() {
        List<IntermediateEventRepresentation> result = upcast(
                "3", "{\"title\":\"Now\",\"durationMinutes\":30,\"recordingEnabled\":true,\"scheduledBy\":\"x\"}");
        assertThat(result.get(0)
                        .getData(JsonNode.class)
                        .getData()
                        .get("scheduledBy")
                        .asText())
                .isEqualTo("x");
        assertThat(result.get(0).getType().getRevision()).isEqualTo("3");
    }

    private List<IntermediateEventRepresentation> upcast(String revision, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "Session",
                "3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b",
                0L,
                "event-1",
                "2026-01-01T09:00:00Z",
                SessionScheduledEvent.class.getName(),
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        Stream<IntermediateEventRepresentation> input = Stream.of(new InitialEventRepresentation(entry, serializer));
        return upcaster.upcast(input).toList();
    }
}
