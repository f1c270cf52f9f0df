package dev.lectern.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.poll.VoteCastEvent;
import dev.lectern.events.question.QuestionAskedEvent;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.session.ClassObjectCreatedEvent;
import dev.lectern.events.session.SessionEvent;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects inside a class (docs/adr/0014): each child aggregate's events have one created event that records class and owner. */
class ClassObjectEventsTest {

    @Test
    void everyChildAggregateHasExactlyOneCreatedEventThatRecordsClassAndOwner() {
        Map<Class<?>, List<Class<?>>> createdByRoot = new LinkedHashMap<>();
        EventCatalogue.all().values().stream()
                .filter(type -> !SessionEvent.class.isAssignableFrom(type))
                .forEach(type -> {
                    Class<?> root = rootOf(type);
                    createdByRoot.computeIfAbsent(root, r -> new java.util.ArrayList<>());
                    if (ClassObjectCreatedEvent.class.isAssignableFrom(type)) {
                        createdByRoot.get(root).add(type);
                    }
                });
        assertThat(createdByRoot).isNotEmpty();
        createdByRoot.forEach((root, created) -> assertThat(created)
                .as(root.getSimpleName() + "'s created event")
                .hasSize(1));
    }

    /** {@code owner()} of a question and a ballot names an existing field; the stored payload does not change. */
    @Test
    void theOwnerOfAQuestionOrBallotAddsNothingToItsPayload() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        UserId user = UserId.random();
        QuestionAskedEvent asked = new QuestionAskedEvent(
                QuestionId.random(),
                SessionId.random(),
                new TenantId("north-high"),
                user,
                "Why?",
                false,
                Instant.parse("2026-11-22T09:00:00Z"));
        VoteCastEvent cast = new VoteCastEvent(
                PollId.random(),
                SessionId.random(),
                new TenantId("north-high"),
                user,
                List.of(1),
                Instant.parse("2026-11-22T09:00:00Z"));
        for (Object event : List.of(asked, cast)) {
            JsonNode payload = json.valueToTree(event);
            assertThat(payload.has("owner"))
                    .as(event.getClass().getSimpleName())
                    .isFalse();
            assertThat(json.treeToValue(payload, event.getClass())).isEqualTo(event);
            assertThat(((ClassObjectCreatedEvent) event).owner()).isEqualTo(user);
        }
    }

    private static Class<?> rootOf(Class<?> type) {
        for (Class<?> parent : type.getInterfaces()) {
            if (parent.isSealed() && LecternEvent.class.isAssignableFrom(parent)) {
                return parent;
            }
        }
        throw new AssertionError(type + " has no sealed event root");
    }
}
