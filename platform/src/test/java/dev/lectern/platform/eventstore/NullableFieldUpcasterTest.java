package dev.lectern.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lectern.events.attendance.ParticipantJoinedEvent;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Old {@code participant.joined} and {@code chat.posted} (revision 1, no names) still read (docs/adr/0027). */
class NullableFieldUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(
                    new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module()))
            .build();

    @Test
    void aRevisionOneJoinReadsWithoutAName() {
        IntermediateEventRepresentation upcast = upcast(
                new NullableFieldUpcaster(ParticipantJoinedEvent.class, "1", "2", "displayName"),
                ParticipantJoinedEvent.class,
                "1",
                "{\"sessionId\":\"3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b\",\"tenantId\":\"north-high\","
                        + "\"userId\":\"0f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b\",\"subject\":\"student@north-high\","
                        + "\"classRole\":\"student\",\"joinedAt\":\"2026-01-05T09:00:00Z\"}");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        ParticipantJoinedEvent event = read(upcast, ParticipantJoinedEvent.class);
        assertThat(event.displayName()).isNull();
        assertThat(event.subject()).isEqualTo("student@north-high");
        assertThat(event.classRole()).isEqualTo("student");
    }

    @Test
    void aRevisionTwoChatMessageKeepsItsAuthorsName() {
        IntermediateEventRepresentation upcast = upcast(
                new NullableFieldUpcaster(ChatMessagePostedEvent.class, "1", "2", "displayName"),
                ChatMessagePostedEvent.class,
                "2",
                "{\"sessionId\":\"3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b\",\"tenantId\":\"north-high\","
                        + "\"messageId\":\"1f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b\","
                        + "\"userId\":\"0f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b\",\"classRole\":\"student\","
                        + "\"text\":\"hi\",\"postedAt\":\"2026-01-05T09:00:00Z\",\"displayName\":\"Sam Student\"}");

        assertThat(read(upcast, ChatMessagePostedEvent.class).displayName()).isEqualTo("Sam Student");
    }

    private <T> T read(IntermediateEventRepresentation representation, Class<T> type) {
        byte[] data = representation.getData(byte[].class).getData();
        return serializer.deserialize(new SimpleSerializedObject<>(
                data, byte[].class, type.getName(), representation.getType().getRevision()));
    }

    private IntermediateEventRepresentation upcast(
            NullableFieldUpcaster upcaster, Class<?> type, String revision, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "Session",
                "3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b",
                0L,
                "event-1",
                "2026-01-01T09:00:00Z",
                type.getName(),
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> result = upcaster.upcast(
                        Stream.of(new InitialEventRepresentation(entry, serializer)))
                .toList();
        assertThat(result).hasSize(1);
        return result.get(0);
    }
}
