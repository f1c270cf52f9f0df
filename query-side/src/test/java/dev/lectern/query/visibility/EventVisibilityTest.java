package dev.lectern.query.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lectern.events.EventCatalogue;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.session.SessionId;
import dev.lectern.query.livestate.LiveEvent;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The allowlist covers the whole event catalogue, and what each audience receives of each event is
 * exactly what it allows: a new event is private until someone writes its rule.
 */
class EventVisibilityTest {

    private static final List<Audience> CLASS_AUDIENCES = List.of(Audience.STAFF, Audience.STUDENT, Audience.PUBLIC);
    private static final Instant T = Instant.parse("2026-11-22T09:00:00Z");

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyCataloguedEventHasARuleForEveryAudience() {
        List<String> missing = new ArrayList<>();
        EventCatalogue.all().keySet().forEach(name -> {
            for (Audience audience : Audience.values()) {
                if (EventVisibility.declared(name, audience).isEmpty()) {
                    missing.add(name + " for " + audience);
                }
            }
        });
        assertThat(missing)
                .as("events without a visibility rule (declare them in EventVisibility)")
                .isEmpty();
        Set<String> rulesWithoutEvent = new HashSet<>(EventVisibility.names());
        rulesWithoutEvent.removeAll(EventCatalogue.all().keySet());
        assertThat(rulesWithoutEvent)
                .as("rules for names that are not events (only the derived tally)")
                .containsExactly(EventVisibility.TALLY);
    }

    @Test
    void allowlistsNameOnlyFieldsTheEventHas() {
        EventCatalogue.all().forEach((name, type) -> {
            Set<String> components = new HashSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(component.getName());
            }
            for (Audience audience : CLASS_AUDIENCES) {
                assertThat(EventVisibility.rule(name, audience).fields().keySet())
                        .as(name + " for " + audience)
                        .isSubsetOf(components);
            }
        });
    }

    @Test
    void eachAudienceReceivesOnlyTheAllowedFieldsOfEveryEventAndPublicViewersNoPerson() throws Exception {
        for (Map.Entry<String, Class<?>> event : EventCatalogue.all().entrySet()) {
            String name = event.getKey();
            SampleEvents samples = new SampleEvents();
            JsonNode payload = json.valueToTree(samples.sample(event.getValue()));
            LiveEvent live = new LiveEvent("sample-school", UUID.randomUUID(), 10, 9, name, T, payload);
            for (Audience audience : CLASS_AUDIENCES) {
                for (boolean own : List.of(false, true)) {
                    UUID viewerId = own && !samples.userIds.isEmpty()
                            ? UUID.fromString(samples.userIds.get(0))
                            : UUID.randomUUID();
                    String label = name + " for " + audience + (own ? " (own)" : "");
                    String data = live.renderFor(new Viewer(viewerId, classRole(audience)), json);
                    EventVisibility.Rule rule = EventVisibility.rule(name, audience);
                    if (data == null) {
                        continue;
                    }
                    assertThat(rule.shown()).as(label + " shown").isTrue();
                    JsonNode shown = json.readTree(data);
                    assertThat(fieldNames(shown))
                            .as(label + ": the envelope")
                            .containsExactlyInAnyOrder("position", "name", "occurredAt", "payload");
                    assertThat(fieldNames(shown.get("payload")))
                            .as(label)
                            .isSubsetOf(rule.fields().keySet());
                    assertThat(EventVisibility.payload(name, payload, audience, new When.Context(viewerId, Set.of())))
                            .map(JsonNode::toString)
                            .as(label + ": the raw log renders the same payload")
                            .contains(shown.get("payload").toString());
                    if (audience == Audience.PUBLIC) {
                        assertThat(samples.userIds).as(label + ": no user id").noneMatch(data::contains);
                    }
                    if (audience != Audience.STAFF && !own) {
                        assertThat(data)
                                .as(label + ": nobody else's login subject")
                                .doesNotContain(SampleEvents.SUBJECT_MARK);
                    }
                }
            }
            assertThat(EventVisibility.payload(name, payload, Audience.AUDITOR, When.Context.of(null)))
                    .as(name + ": auditors read it as stored")
                    .contains(payload);
        }
    }

    @Test
    void ballotsPerPersonAreNeverShownToAClassAudience() throws Exception {
        for (String name : List.of("poll.vote_cast", "poll.vote_changed")) {
            SampleEvents samples = new SampleEvents();
            JsonNode ballot =
                    json.valueToTree(samples.sample(EventCatalogue.typeOf(name).orElseThrow()));
            LiveEvent live = new LiveEvent("sample-school", UUID.randomUUID(), 10, 9, name, T, ballot);
            for (Audience audience : CLASS_AUDIENCES) {
                UUID voter = UUID.fromString(samples.userIds.get(0));
                assertThat(EventVisibility.payload(name, ballot, audience, When.Context.of(voter)))
                        .as(name + " " + audience)
                        .isEmpty();
                assertThat(live.renderFor(new Viewer(voter, classRole(audience)), json))
                        .isNull();
            }
            JsonNode audited = EventVisibility.payload(name, ballot, Audience.AUDITOR, When.Context.of(null))
                    .orElseThrow();
            assertThat(audited.has("userId") && audited.has("options"))
                    .as("auditors see the ballot")
                    .isTrue();
        }
    }

    @Test
    void theTextOfADeletedMessageIsForAuditorsOnly() {
        MessageId message = MessageId.random();
        JsonNode posted = json.valueToTree(new ChatMessagePostedEvent(
                SessionId.random(),
                new TenantId("sample-school"),
                message,
                UserId.random(),
                "student",
                "something regrettable",
                T));
        When.Context deleted = new When.Context(null, Set.of(message.toString()));
        for (Audience audience : List.of(Audience.STAFF, Audience.STUDENT)) {
            assertThat(EventVisibility.payload("chat.posted", posted, audience, When.Context.of(null))
                            .orElseThrow()
                            .has("text"))
                    .as(audience + " while not deleted")
                    .isTrue();
            JsonNode shown = EventVisibility.payload("chat.posted", posted, audience, deleted)
                    .orElseThrow();
            assertThat(shown.has("text")).as(audience + " once deleted").isFalse();
            assertThat(shown.get("messageId").asText()).isEqualTo(message.toString());
        }
        assertThat(EventVisibility.payload("chat.posted", posted, Audience.AUDITOR, deleted)
                        .orElseThrow()
                        .get("text")
                        .asText())
                .isEqualTo("something regrettable");
        LiveEvent live = new LiveEvent("sample-school", UUID.randomUUID(), 10, 9, "chat.posted", T, posted);
        assertThat(live.renderFor(new Viewer(UUID.randomUUID(), ClassRoles.TEACHER), json, Set.of(message.toString())))
                .doesNotContain("regrettable");
        assertThat(live.renderFor(new Viewer(UUID.randomUUID(), ClassRoles.TEACHER), json))
                .contains("regrettable");
    }

    @Test
    void anEventWithoutARuleIsPrivate() {
        ObjectNode payload = json.createObjectNode()
                .put("sessionId", UUID.randomUUID().toString())
                .put("secret", "s");
        for (Audience audience : CLASS_AUDIENCES) {
            assertThat(EventVisibility.payload("lesson.invented", payload, audience, When.Context.of(null)))
                    .isEmpty();
            assertThat(new LiveEvent("t", UUID.randomUUID(), 1, 0, "lesson.invented", T, payload)
                            .renderFor(new Viewer(UUID.randomUUID(), classRole(audience)), json))
                    .isNull();
        }
        assertThat(EventVisibility.payload("lesson.invented", payload, Audience.AUDITOR, When.Context.of(null)))
                .contains(payload);
    }

    @Test
    void staffSeeMetadataWithoutIdempotencyKeysAndOthersNone() {
        ObjectNode metadata = json.createObjectNode()
                .put("requestId", "r")
                .put("actor", "teacher@x")
                .put("idempotencyKey", "k")
                .put("traceId", "t")
                .put("correlationId", "c");
        assertThat(fieldNames(EventVisibility.metadata(metadata, Audience.STAFF).orElseThrow()))
                .containsExactlyInAnyOrder("requestId", "actor", "traceId", "correlationId");
        assertThat(EventVisibility.metadata(metadata, Audience.STUDENT)).isEmpty();
        assertThat(EventVisibility.metadata(metadata, Audience.PUBLIC)).isEmpty();
        assertThat(EventVisibility.metadata(metadata, Audience.AUDITOR)).contains(metadata);
    }

    @Test
    void theLiveStateDocsShowTheRulesAsDeclared() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "live-state.md"));
        String begin =
                "<!-- event-visibility:begin (generated from EventVisibility; EventVisibilityTest checks it) -->\n";
        String end = "<!-- event-visibility:end -->";
        assertThat(docs).contains(begin).contains(end);
        String table = docs.substring(docs.indexOf(begin) + begin.length(), docs.indexOf(end));
        assertThat(table)
                .as("docs/live-state.md: replace the table with this one")
                .isEqualTo(EventVisibility.markdownTable());
    }

    private static String classRole(Audience audience) {
        return switch (audience) {
            case STAFF -> ClassRoles.TEACHER;
            case STUDENT -> ClassRoles.STUDENT;
            default -> ClassRoles.PUBLIC_VIEWER;
        };
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
