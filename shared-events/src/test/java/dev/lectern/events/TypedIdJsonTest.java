package dev.lectern.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.poll.BallotId;
import dev.lectern.events.poll.PollCreatedEvent;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.question.QuestionAskedEvent;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.scene.SceneCreatedEvent;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.studio.CtaId;
import dev.lectern.events.studio.CtaShownEvent;
import dev.lectern.events.studio.DeckAddedEvent;
import dev.lectern.events.studio.DeckId;
import dev.lectern.events.studio.SlideChangedEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Typed ids (docs/adr/0018-packages-by-feature.md, "Typed ids") change nothing that is stored: in an event's payload
 * an id is the plain UUID string it was as a bare {@code UUID}, payloads stored before read back, and an id's
 * {@code toString()} (the aggregate identifier Axon stores) is that same string.
 */
class TypedIdJsonTest {

    /** The ids of aggregates and of objects inside a class that are records of one UUID. */
    private static final Map<Class<?>, Function<UUID, Object>> TYPED_IDS = Map.of(
            SessionId.class, SessionId::of,
            UserId.class, UserId::of,
            PollId.class, PollId::of,
            QuestionId.class, QuestionId::of,
            SceneId.class, SceneId::of,
            MessageId.class, MessageId::of,
            DeckId.class, DeckId::of,
            CtaId.class, CtaId::of,
            CourseId.class, CourseId::of,
            LessonId.class, LessonId::of);

    private static final Set<Class<?>> NEW_IDS = Set.of(
            PollId.class,
            QuestionId.class,
            SceneId.class,
            MessageId.class,
            DeckId.class,
            CtaId.class,
            CourseId.class,
            LessonId.class);

    /**
     * As the application's ObjectMapper is configured (Spring Boot's defaults and {@code spring.jackson} in
     * platform's application.yaml), which Axon's event serializer uses.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final JacksonSerializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(JSON).build();

    private static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");

    static List<Class<?>> eventsWithANewTypedId() {
        return EventCatalogue.all().values().stream()
                .filter(type -> Arrays.stream(type.getRecordComponents()).anyMatch(c -> NEW_IDS.contains(c.getType())))
                .sorted(java.util.Comparator.comparing(Class::getName))
                .toList();
    }

    @Test
    void everyFeatureWithAChildObjectHasAnEventWithItsTypedId() {
        Set<Class<?>> seen = new java.util.HashSet<>();
        eventsWithANewTypedId()
                .forEach(type -> Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getType)
                        .filter(NEW_IDS::contains)
                        .forEach(seen::add));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(NEW_IDS);
    }

    @ParameterizedTest
    @MethodSource("eventsWithANewTypedId")
    void anEventWritesEachTypedIdAsThePlainUuidStringAndReadsItBack(Class<?> type) throws Exception {
        Object event = sample(type);

        SerializedObject<String> stored = SERIALIZER.serialize(event, String.class);
        JsonNode payload = JSON.readTree(stored.getData());
        for (RecordComponent component : type.getRecordComponents()) {
            if (TYPED_IDS.containsKey(component.getType())) {
                JsonNode id = payload.get(component.getName());
                assertThat(id.isTextual())
                        .as(type.getSimpleName() + "." + component.getName() + " is " + id)
                        .isTrue();
                assertThat(id.asText()).isEqualTo(uuidFor(component.getName()).toString());
            }
        }
        Object read = SERIALIZER.deserialize(stored);
        assertThat(read).isEqualTo(event);
    }

    @Test
    void theStoredFormOfAnEventIsUnchanged() throws Exception {
        PollId poll = PollId.of(UUID.fromString("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a01"));
        SessionId session = SessionId.of(UUID.fromString("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a02"));
        UserId teacher = UserId.of(UUID.fromString("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a03"));
        PollCreatedEvent created = new PollCreatedEvent(
                poll,
                session,
                TenantId.of("north-high"),
                "2 + 2?",
                List.of("3", "4"),
                false,
                true,
                false,
                List.of(1),
                "teacher@north-high",
                AT,
                teacher);

        assertThat(SERIALIZER.serialize(created, String.class).getData())
                .isEqualTo("{\"pollId\":\"3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a01\","
                        + "\"sessionId\":\"3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a02\",\"tenantId\":\"north-high\","
                        + "\"question\":\"2 + 2?\",\"options\":[\"3\",\"4\"],\"multipleChoice\":false,"
                        + "\"allowChange\":true,\"showLiveResults\":false,\"correctOptions\":[1],"
                        + "\"createdBy\":\"teacher@north-high\",\"createdAt\":\"2026-11-22T09:00:00Z\","
                        + "\"owner\":\"3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a03\"}");
    }

    /** Payloads as the event store holds them from before the ids were typed (bare UUIDs, plain strings). */
    @Test
    void payloadsStoredWithBareUuidsReadBackIntoTypedIds() {
        String id = "3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b";
        String session = "\"sessionId\":\"0b6e2f5c-1d6a-4c1e-8f0a-2f1d6e5c4b3a\",\"tenantId\":\"north-high\"";
        String user = "\"userId\":\"7d4c2b1a-0f9e-4d8c-b7a6-958473625140\"";

        QuestionAskedEvent asked = read(
                QuestionAskedEvent.class,
                "{\"questionId\":\"" + id + "\"," + session + "," + user
                        + ",\"text\":\"Why?\",\"anonymous\":false,\"askedAt\":\"2026-11-22T09:00:00Z\"}");
        assertThat(asked.questionId()).isEqualTo(QuestionId.of(UUID.fromString(id)));

        ChatMessagePostedEvent posted = read(
                ChatMessagePostedEvent.class,
                "{" + session + ",\"messageId\":\"" + id + "\"," + user
                        + ",\"classRole\":\"student\",\"text\":\"hi\",\"postedAt\":\"2026-11-22T09:00:00Z\"}");
        assertThat(posted.messageId()).isEqualTo(MessageId.of(UUID.fromString(id)));

        SceneCreatedEvent scene = read(
                SceneCreatedEvent.class,
                "{\"sceneId\":\"" + id + "\"," + session
                        + ",\"name\":\"Board\",\"layout\":\"whiteboard\",\"createdBy\":\"t\","
                        + "\"createdAt\":\"2026-11-22T09:00:00Z\"}");
        assertThat(scene.sceneId()).isEqualTo(SceneId.of(UUID.fromString(id)));

        DeckAddedEvent deck = read(
                DeckAddedEvent.class,
                "{" + session + ",\"deckId\":\"" + id + "\",\"title\":\"Fractions\",\"pageCount\":3,"
                        + "\"renderedPages\":3,\"objectKey\":\"k\",\"pageTitles\":[\"a\",\"b\",\"c\"],"
                        + "\"addedBy\":\"t\",\"addedAt\":\"2026-11-22T09:00:00Z\"}");
        assertThat(deck.deckId()).isEqualTo(DeckId.of(UUID.fromString(id)));

        SlideChangedEvent slide = read(
                SlideChangedEvent.class,
                "{" + session + ",\"deckId\":\"" + id + "\",\"page\":2,\"changedBy\":\"t\","
                        + "\"changedAt\":\"2026-11-22T09:00:00Z\"}");
        assertThat(slide.deckId()).isEqualTo(DeckId.of(UUID.fromString(id)));

        CtaShownEvent cta = read(
                CtaShownEvent.class,
                "{" + session + ",\"ctaId\":\"" + id + "\",\"label\":\"Quiz\",\"url\":\"https://example.org\","
                        + "\"shownBy\":\"t\",\"shownAt\":\"2026-11-22T09:00:00Z\"}");
        assertThat(cta.ctaId()).isEqualTo(CtaId.of(UUID.fromString(id)));

        PollCreatedEvent poll = read(
                PollCreatedEvent.class,
                "{\"pollId\":\"" + id + "\"," + session + ",\"question\":\"2 + 2?\",\"options\":[\"3\",\"4\"],"
                        + "\"multipleChoice\":false,\"allowChange\":true,\"showLiveResults\":false,"
                        + "\"createdBy\":\"t\",\"createdAt\":\"2026-11-22T09:00:00Z\"}");
        assertThat(poll.pollId()).isEqualTo(PollId.of(UUID.fromString(id)));

        SessionScheduledEvent scheduled = read(
                SessionScheduledEvent.class,
                "{" + session + ",\"title\":\"Physics\",\"startsAt\":\"2026-11-22T09:00:00Z\",\"durationMinutes\":45,"
                        + "\"recordingEnabled\":false,\"scheduledAt\":\"2026-11-21T09:00:00Z\","
                        + "\"scheduledBy\":\"7d4c2b1a-0f9e-4d8c-b7a6-958473625140\","
                        + "\"lessonId\":\"" + id + "\",\"courseId\":\"5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716\"}");
        assertThat(scheduled.lessonId()).isEqualTo(LessonId.of(UUID.fromString(id)));
        assertThat(scheduled.courseId())
                .isEqualTo(CourseId.of(UUID.fromString("5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716")));

        SessionScheduledEvent adHoc = read(
                SessionScheduledEvent.class,
                "{" + session + ",\"title\":\"Physics\",\"startsAt\":\"2026-11-22T09:00:00Z\",\"durationMinutes\":45,"
                        + "\"recordingEnabled\":false,\"scheduledAt\":\"2026-11-21T09:00:00Z\"}");
        assertThat(adHoc.lessonId()).isNull();
        assertThat(adHoc.courseId()).isNull();
    }

    /** Axon stores {@code toString()} of an aggregate identifier: the bare UUID's text, as before. */
    @Test
    void anIdsTextIsTheBareUuidsText() {
        UUID value = UUID.fromString("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b");
        TYPED_IDS.values().forEach(of -> assertThat(of.apply(value).toString()).isEqualTo(value.toString()));
        UserId user = UserId.of(UUID.fromString("7d4c2b1a-0f9e-4d8c-b7a6-958473625140"));
        assertThat(new BallotId(PollId.of(value), user).toString())
                .isEqualTo(value + ":7d4c2b1a-0f9e-4d8c-b7a6-958473625140");
    }

    @Test
    void anIdParsesOnlyTheCanonicalUuidText() {
        String text = "3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b";
        assertThat(PollId.parse(text)).contains(PollId.of(UUID.fromString(text)));
        assertThat(QuestionId.parse(text.toUpperCase())).contains(QuestionId.of(UUID.fromString(text)));
        assertThat(SceneId.parse("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7")).isEmpty();
        assertThat(MessageId.parse("1-1-1-1-1")).isEmpty();
        assertThat(DeckId.parse(null)).isEmpty();
        assertThat(CtaId.parse("not-a-uuid-not-a-uuid-not-a-uuid-xx")).isEmpty();
        assertThat(CourseId.parse(text)).map(CourseId::value).contains(UUID.fromString(text));
        assertThat(LessonId.parse("")).isEmpty();
    }

    private static <T> T read(Class<T> type, String payload) {
        return SERIALIZER.deserialize(new SimpleSerializedObject<>(
                payload.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(type.getName(), null)));
    }

    private static UUID uuidFor(String component) {
        return UUID.nameUUIDFromBytes(component.getBytes(StandardCharsets.UTF_8));
    }

    /** An instance with a value in every component; each id from its component's name. */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getName(), components[i].getGenericType());
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        return canonical.newInstance(values);
    }

    private static Object value(String name, Type generic) throws Exception {
        Class<?> raw = generic instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) generic;
        if (TYPED_IDS.containsKey(raw)) {
            return TYPED_IDS.get(raw).apply(uuidFor(name));
        }
        if (raw == UUID.class) {
            return uuidFor(name);
        }
        if (raw == TenantId.class) {
            return TenantId.of("north-high");
        }
        if (raw == String.class) {
            return "text";
        }
        if (raw == Instant.class) {
            return AT;
        }
        if (raw == int.class || raw == Integer.class) {
            return 1;
        }
        if (raw == long.class || raw == Long.class) {
            return 1L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            list.add(value(name, element));
            return List.copyOf(list);
        }
        if (raw == Optional.class) {
            return Optional.empty();
        }
        if (raw.isRecord()) {
            return sample(raw);
        }
        throw new AssertionError("No sample value for " + generic + " (" + name + ")");
    }
}
