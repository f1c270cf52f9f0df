package dev.lectern.query.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.query.livestate.ClassState;
import dev.lectern.query.livestate.ClassStateView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The derived documents follow the same allowlist: every part of a fully populated class state, rendered
 * for each audience, holds only declared fields; public viewers find no user id and no login subject
 * anywhere in it; nobody finds who voted what, who upvoted, or a deleted message's text.
 */
class StateVisibilityTest {

    private static final Instant T = Instant.parse("2026-11-22T09:00:00Z");
    private static final UUID TEACHER = UUID.randomUUID();
    private static final UUID ANN = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final String MARK = "@state-school";

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A class with something in every part of the document, user ids and subjects everywhere they can be. */
    private static ClassState aFullClass() {
        ClassState s = new ClassState();
        s.sessionId = UUID.randomUUID();
        s.tenantId = "state-school";
        s.title = "Optics";
        s.status = "live";
        s.owner = TEACHER;
        s.courseId = UUID.randomUUID();
        s.lessonId = UUID.randomUUID();
        s.timing.startsAt = T;
        s.timing.startedAt = T;
        s.timing.durationMinutes = 45;
        s.media.room = "lectern-room";
        s.media.recordingEnabled = true;
        s.media.recording = new ClassState.Recording();
        s.media.recording.id = "EG_1";
        s.media.recording.status = "failed";
        s.media.recording.location = "s3://bucket/secret";
        s.media.recording.sizeBytes = 10L;
        s.media.recording.error = "disk full";
        for (UUID user : List.of(TEACHER, ANN, BOB)) {
            ClassState.Participant p = new ClassState.Participant();
            p.userId = user;
            p.subject = (user == TEACHER ? "teacher" : user == ANN ? "ann" : "bob") + MARK;
            p.classRole = user == TEACHER ? "teacher" : "student";
            p.present = true;
            p.joinedAt = T;
            p.revoked = user == BOB;
            p.revokedReason = user == BOB ? "disruptive" : null;
            p.permissions.add("present");
            s.roster.put(user.toString(), p);
        }
        ClassState.SceneRef scene = new ClassState.SceneRef();
        scene.id = UUID.randomUUID();
        scene.name = "Board";
        scene.layout = "whiteboard";
        s.studio.scene = scene;
        s.studio.scenes.put(scene.id.toString(), scene);
        s.studio.layout = "side_by_side";
        ClassState.Deck deck = new ClassState.Deck();
        deck.id = UUID.randomUUID();
        deck.title = "Slides";
        deck.objectKey = "decks/secret.pdf";
        deck.pageTitles = List.of("One");
        s.studio.decks.put(deck.id.toString(), deck);
        ClassState.BoardElement element = new ClassState.BoardElement();
        element.id = "s1";
        element.type = "stroke";
        element.author = ANN;
        element.points = List.of(0.1, 0.2);
        s.studio.whiteboard.elements.add(element);
        s.studio.whiteboard.version = 1;
        s.interaction.blockedWords = new ArrayList<>(List.of("darn"));
        s.interaction.muted.add(BOB.toString());
        for (String kind : List.of("shown", "hidden", "deleted")) {
            ClassState.ChatMessage m = new ClassState.ChatMessage();
            m.messageId = UUID.randomUUID();
            m.userId = ANN;
            m.classRole = "student";
            m.text = kind.equals("deleted") ? null : "text " + kind;
            m.postedAt = T;
            m.hidden = kind.equals("hidden");
            m.deleted = kind.equals("deleted");
            s.chat.add(m);
        }
        for (boolean anonymous : List.of(false, true)) {
            ClassState.QuestionItem q = new ClassState.QuestionItem();
            q.questionId = UUID.randomUUID();
            q.userId = ANN;
            q.text = anonymous ? "shy" : "bold";
            q.anonymous = anonymous;
            q.askedAt = T;
            q.upvoters.add(BOB.toString());
            q.upvotes = 1;
            q.status = "answered";
            q.answer = new ClassState.Answer();
            q.answer.live = true;
            q.answer.by = "teacher" + MARK;
            q.answer.at = T;
            s.questions.put(q.questionId.toString(), q);
        }
        ClassState.PollItem poll = new ClassState.PollItem();
        poll.pollId = UUID.randomUUID();
        poll.question = "Tea?";
        poll.options = List.of("Tea", "Coffee");
        poll.status = "closed";
        poll.correctOptions = List.of(0);
        poll.counts = new ArrayList<>(List.of(1L, 1L));
        poll.ballots = 2;
        poll.choices.put(ANN.toString(), List.of(0));
        poll.choices.put(BOB.toString(), List.of(1));
        s.polls.put(poll.pollId.toString(), poll);
        s.position = 42;
        s.asOf = T;
        return s;
    }

    @Test
    void everyAudienceGetsOnlyDeclaredFieldsOfEveryPart() {
        ClassState state = aFullClass();
        for (Viewer viewer : List.of(
                new Viewer(TEACHER, ClassRoles.TEACHER),
                new Viewer(ANN, ClassRoles.STUDENT),
                new Viewer(UUID.randomUUID(), ClassRoles.PUBLIC_VIEWER))) {
            JsonNode view = ClassStateView.render(state, viewer, json);
            assertOnlyDeclared(view, StateVisibility.STATE, viewer.audience(), "state");
            assertThat(view.toString())
                    .as(viewer.audience() + ": who voted what, who upvoted")
                    .doesNotContain("choices")
                    .doesNotContain("upvoters");
        }
    }

    @Test
    void publicViewersFindNoUserIdAndNoLoginSubjectAnywhere() {
        String view = ClassStateView.render(aFullClass(), new Viewer(UUID.randomUUID(), ClassRoles.PUBLIC_VIEWER), json)
                .toString();
        for (UUID user : List.of(TEACHER, ANN, BOB)) {
            assertThat(view).doesNotContain(user.toString());
        }
        assertThat(view)
                .doesNotContain(MARK)
                .doesNotContain("s3://")
                .doesNotContain("decks/secret")
                .doesNotContain("darn");
        JsonNode parsed =
                ClassStateView.render(aFullClass(), new Viewer(UUID.randomUUID(), ClassRoles.PUBLIC_VIEWER), json);
        assertThat(parsed.get("present").asInt())
                .as("a head count instead of the roster")
                .isEqualTo(3);
        assertThat(parsed.has("roster")).isFalse();
        assertThat(parsed.has("chat")).isFalse();
        assertThat(parsed.get("questions")).hasSize(2);
    }

    @Test
    void studentsSeeClassmatesWithoutTheirSubjectsAndNoModeration() {
        JsonNode view = ClassStateView.render(aFullClass(), new Viewer(ANN, ClassRoles.STUDENT), json);
        assertThat(view.at("/roster/" + ANN + "/subject").asText()).isEqualTo("ann" + MARK);
        assertThat(view.toString())
                .doesNotContain("teacher" + MARK)
                .doesNotContain("bob" + MARK)
                .doesNotContain("disruptive")
                .doesNotContain("darn");
        assertThat(view.get("chat")).extracting(m -> m.get("text").asText()).containsExactly("text shown");
        assertThat(view.at("/interaction/youAreMuted").asBoolean()).isFalse();
        assertThat(ClassStateView.render(aFullClass(), new Viewer(BOB, ClassRoles.STUDENT), json)
                        .at("/interaction/youAreMuted")
                        .asBoolean())
                .isTrue();
        JsonNode classmate = ClassStateView.render(aFullClass(), new Viewer(BOB, ClassRoles.STUDENT), json);
        classmate
                .get("questions")
                .forEach(q -> assertThat(q.has("userId"))
                        .isEqualTo(!q.get("anonymous").asBoolean()));
        classmate
                .get("polls")
                .forEach(p ->
                        assertThat(p.has("counts") || p.has("correctOptions")).isFalse());
    }

    @Test
    void staffSeeModerationButNeverADeletedText() {
        JsonNode view = ClassStateView.render(aFullClass(), new Viewer(TEACHER, ClassRoles.TEACHER), json);
        assertThat(view.get("chat")).hasSize(3);
        assertThat(view.get("chat").get(2).has("text")).isFalse();
        assertThat(view.at("/roster/" + BOB + "/revokedReason").asText()).isEqualTo("disruptive");
        assertThat(view.at("/media/recording/location").asText()).startsWith("s3://");
        ClassState.ChatMessage deleted = aFullClass().chat.get(2);
        deleted.text = "should never show";
        var node = json.<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(deleted);
        assertThat(ClassStateView.chatMessage(node, new Viewer(TEACHER, ClassRoles.TEACHER))
                        .has("text"))
                .isFalse();
    }

    private static void assertOnlyDeclared(JsonNode node, StateVisibility.Part part, Audience audience, String path) {
        node.fieldNames().forEachRemaining(field -> {
            Map<Audience, When> shownTo = StateVisibility.shownTo(part, field);
            assertThat(shownTo).as(path + "." + field + " for " + audience).containsKey(audience);
            StateVisibility.Field declared = part.fields().get(field);
            JsonNode value = node.get(field);
            if (declared.child() == null) {
                return;
            }
            switch (declared.shape()) {
                case OBJECT -> assertOnlyDeclared(value, declared.child(), audience, path + "." + field);
                case MAP ->
                    value.fields()
                            .forEachRemaining(e -> assertOnlyDeclared(
                                    e.getValue(), declared.child(), audience, path + "." + field + "[]"));
                case LIST ->
                    value.forEach(e -> assertOnlyDeclared(e, declared.child(), audience, path + "." + field + "[]"));
                default -> {}
            }
        });
    }
}
