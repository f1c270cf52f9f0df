package dev.lectern.platform.interaction;

import static dev.lectern.platform.live.LiveClassSupport.awaitProjected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/** Studio and interaction through HTTP: each feature is a command, an event in the log, live state and stream. */
class InteractionIT extends PlatformIT {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private LiveClassSupport live;
    private String school;
    private String teacher;
    private String student;
    private String session;
    private String studentId;

    @BeforeEach
    void aLiveClassWithAStudent() {
        live = new LiveClassSupport(port, json);
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        student = token(school, Role.STUDENT);
        studentId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
        session = live.schedule(teacher, "Interaction");
        live.post(teacher, "/sessions/" + session + "/start", null);
        live.post(teacher, "/sessions/" + session + "/join", null);
        live.post(student, "/sessions/" + session + "/join", null);
    }

    private long events(String name) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid AND event_name = ?",
                Long.class,
                session,
                name);
    }

    private JsonNode state(String token) {
        awaitProjected(jdbc, session);
        return live.get(token, "/sessions/" + session + "/state").getValue();
    }

    /**
     * Typed ids (docs/adr/0018-packages-by-feature.md, "Typed ids") store what the bare UUIDs stored: a child
     * aggregate's identifier is its id's UUID text, and every id in a payload is a plain JSON string.
     */
    @Test
    void objectIdsAreStoredAsTheirPlainUuidText() {
        String scene = live.post(
                        teacher, "/sessions/" + session + "/scenes", Map.of("name", "Board", "layout", "whiteboard"))
                .get("sceneId")
                .asText();
        live.post(teacher, "/sessions/" + session + "/scene", Map.of("sceneId", scene));
        String question = live.post(student, "/sessions/" + session + "/questions", Map.of("text", "Why?"))
                .get("id")
                .asText();
        String message = live.post(student, "/sessions/" + session + "/chat", Map.of("text", "hello"))
                .get("messageId")
                .asText();
        String cta = live.post(
                        teacher,
                        "/sessions/" + session + "/cta",
                        Map.of("label", "Quiz", "url", "https://example.org/quiz"))
                .get("ctaId")
                .asText();

        assertThat(stored("scene.created", "sceneId")).containsExactly("Scene", scene, "string", scene);
        assertThat(stored("scene.changed", "sceneId")).containsExactly("Session", session, "string", scene);
        assertThat(stored("question.asked", "questionId")).containsExactly("Question", question, "string", question);
        assertThat(stored("chat.posted", "messageId")).containsExactly("Session", session, "string", message);
        assertThat(stored("cta.shown", "ctaId")).containsExactly("Session", session, "string", cta);
    }

    /** Aggregate type and identifier of the class's one {@code event}, and the type and text of its {@code field}. */
    private List<Object> stored(String event, String field) {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT aggregate_type, aggregate_identifier, jsonb_typeof(payload -> ?) AS id_type, payload ->> ? AS id
                FROM session_state_events_readable WHERE session_id = ?::uuid AND event_name = ?""", field, field, session, event);
        return List.of(row.get("aggregate_type"), row.get("aggregate_identifier"), row.get("id_type"), row.get("id"));
    }

    @Test
    void scenesAreCreatedSwitchedAndLaidOutAndAStudentCannot() {
        JsonNode scene =
                live.post(teacher, "/sessions/" + session + "/scenes", Map.of("name", "Board", "layout", "whiteboard"));
        String sceneId = scene.get("sceneId").asText();
        assertThat(live.send("POST", student, "/sessions/" + session + "/scene", Map.of("sceneId", sceneId))
                        .getKey())
                .isEqualTo(403);
        assertThat(live.send(
                                "POST",
                                teacher,
                                "/sessions/" + session + "/scenes",
                                Map.of("name", "X", "layout", "upside_down"))
                        .getKey())
                .isEqualTo(400);
        assertThat(live.post(teacher, "/sessions/" + session + "/scene", Map.of("sceneId", sceneId))
                        .get("changed")
                        .asBoolean())
                .isTrue();
        live.send("PUT", teacher, "/sessions/" + session + "/scenes/" + sceneId, Map.of("name", "Whiteboard"));
        live.post(teacher, "/sessions/" + session + "/layout", Map.of("layout", "side_by_side"));
        assertThat(live.send(
                                "POST",
                                teacher,
                                "/sessions/" + session + "/scene",
                                Map.of("sceneId", java.util.UUID.randomUUID().toString()))
                        .getKey())
                .isEqualTo(404);

        JsonNode studio = state(student).get("studio");
        assertThat(studio.at("/scene/id").asText()).isEqualTo(sceneId);
        assertThat(studio.at("/scene/name").asText()).isEqualTo("Whiteboard");
        assertThat(studio.get("layout").asText()).isEqualTo("side_by_side");
        assertThat(events("scene.changed")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                                + "AND event_name IN ('scene.created','scene.updated')",
                        Long.class,
                        session))
                .isEqualTo(2);
    }

    @Test
    void theWhiteboardIsTheFoldOfItsBatches() {
        live.post(
                teacher,
                "/sessions/" + session + "/whiteboard",
                Map.of(
                        "ops",
                        List.of(
                                Map.of(
                                        "type",
                                        "stroke",
                                        "id",
                                        "s1",
                                        "color",
                                        "#112233",
                                        "width",
                                        2,
                                        "points",
                                        List.of(0.1, 0.1, 0.2, 0.2)),
                                Map.of(
                                        "type",
                                        "shape",
                                        "id",
                                        "r1",
                                        "shape",
                                        "rect",
                                        "points",
                                        List.of(0.3, 0.3, 0.5, 0.5)),
                                Map.of("type", "text", "id", "t1", "points", List.of(0.6, 0.6), "text", "x = 2"))));
        live.post(
                teacher,
                "/sessions/" + session + "/whiteboard",
                Map.of("ops", List.of(Map.of("type", "erase", "targetId", "r1"), Map.of("type", "undo"))));
        assertThat(live.send(
                                "POST",
                                teacher,
                                "/sessions/" + session + "/whiteboard",
                                Map.of("ops", List.of(Map.of("type", "stroke", "id", "bad", "points", List.of(2, 2)))))
                        .getKey())
                .isEqualTo(400);
        assertThat(live.send(
                                "POST",
                                student,
                                "/sessions/" + session + "/whiteboard",
                                Map.of("ops", List.of(Map.of("type", "clear"))))
                        .getKey())
                .isEqualTo(403);

        JsonNode board = state(teacher).at("/studio/whiteboard");
        assertThat(board.get("version").asLong()).isEqualTo(2);
        assertThat(board.get("elements").size()).isEqualTo(1);
        assertThat(board.at("/elements/0/id").asText()).isEqualTo("s1");
        assertThat(board.at("/elements/0/color").asText()).isEqualTo("#112233");
    }

    @Test
    void chatIsModeratedAndWhatIsHiddenStaysHiddenFromStudents() {
        JsonNode posted =
                live.post(student, "/sessions/" + session + "/chat", Map.of("text", "<script>alert(1)</script> hi"));
        assertThat(posted.get("format").asText()).isEqualTo("text/plain");
        String message = posted.get("messageId").asText();
        live.post(student, "/sessions/" + session + "/chat", Map.of("text", "second"));
        assertThat(live.send("POST", student, "/sessions/" + session + "/chat/" + message + "/hide", null)
                        .getKey())
                .isEqualTo(403);
        live.post(teacher, "/sessions/" + session + "/chat/" + message + "/hide", Map.of("reason", "off topic"));

        JsonNode studentChat = state(student).get("chat");
        assertThat(studentChat).extracting(m -> m.get("text").asText()).containsExactly("second");
        JsonNode teacherChat = state(teacher).get("chat");
        assertThat(teacherChat.get(0).get("text").asText()).isEqualTo("<script>alert(1)</script> hi");
        assertThat(teacherChat.get(0).get("hidden").asBoolean()).isTrue();
        JsonNode history = live.get(student, "/sessions/" + session + "/chat").getValue();
        assertThat(history.get("messages"))
                .extracting(m -> m.get("text").asText())
                .containsExactly("second");

        live.post(teacher, "/sessions/" + session + "/mutes", Map.of("userId", studentId, "mute", true));
        var muted = live.send("POST", student, "/sessions/" + session + "/chat", Map.of("text", "let me speak"));
        assertThat(muted.getKey()).isEqualTo(403);
        assertThat(muted.getValue().get("code").asText()).isEqualTo("CHAT_MUTED");
        assertThat(state(student).at("/interaction/youAreMuted").asBoolean()).isTrue();

        live.send(
                "PUT",
                teacher,
                "/sessions/" + session + "/interaction-settings",
                Map.of("blockedWords", List.of("darn")));
        live.post(teacher, "/sessions/" + session + "/mutes", Map.of("userId", studentId, "mute", false));
        assertThat(live.send("POST", student, "/sessions/" + session + "/chat", Map.of("text", "darn!"))
                        .getValue()
                        .get("code")
                        .asText())
                .isEqualTo("CHAT_BLOCKED_WORD");
        assertThat(live.send("POST", student, "/sessions/" + session + "/chat", Map.of("text", ""))
                        .getKey())
                .isEqualTo(400);
        assertThat(events("chat.posted")).isEqualTo(2);
    }

    /** Acceptance: exam mode during a chat burst, zero messages after the switch's position. */
    @Test
    void noChatMessageIsAcceptedAfterTheExamModeSwitch() throws Exception {
        List<String> students = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String subject = "burst-" + i + "@" + school;
            directory.ensureUserWithRole(new TenantId(school), subject, subject, Role.STUDENT, "test");
            String token = issuer.mint(new TenantId(school), subject, Duration.ofMinutes(10));
            live.post(token, "/sessions/" + session + "/join", null);
            students.add(token);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> burst = new ArrayList<>();
        for (String token : students) {
            burst.add(pool.submit(() -> {
                for (int n = 0; n < 25; n++) {
                    int status = live.send("POST", token, "/sessions/" + session + "/chat", Map.of("text", "msg " + n))
                            .getKey();
                    if (status == 201) {
                        accepted.incrementAndGet();
                    } else if (status == 409) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        // Switch in the middle of the burst: once some messages are in, while the rest are still being sent.
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.get() >= 20);
        live.post(teacher, "/sessions/" + session + "/exam-mode", Map.of("enabled", true));
        for (Future<?> f : burst) {
            f.get();
        }
        pool.shutdown();

        Long switchedAt = jdbc.queryForObject(
                "SELECT global_index FROM session_state_events WHERE session_id = ?::uuid "
                        + "AND event_name = 'exam_mode.changed'",
                Long.class,
                session);
        Long after = jdbc.queryForObject(
                "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                        + "AND event_name = 'chat.posted' AND global_index > ?",
                Long.class,
                session,
                switchedAt);
        assertThat(after).isZero();
        assertThat(refused.get()).as("messages refused after the switch").isPositive();
        assertThat(events("chat.posted")).isEqualTo(accepted.get());
        assertThat(state(student).at("/interaction/examMode").asBoolean()).isTrue();
    }

    @Test
    void questionsAreAskedUpvotedOnceAnsweredAndQueuedByVotes() {
        String classmate = token(school, Role.ASSISTANT);
        live.post(classmate, "/sessions/" + session + "/join", null);
        String first = live.post(student, "/sessions/" + session + "/questions", Map.of("text", "What is a monad?"))
                .get("id")
                .asText();
        assertThat(live.send(
                                "POST",
                                student,
                                "/sessions/" + session + "/questions",
                                Map.of("text", "Anonymous?", "anonymous", true))
                        .getKey())
                .isEqualTo(403);
        live.send("PUT", teacher, "/sessions/" + session + "/interaction-settings", Map.of("anonymousQuestions", true));
        String second = live.post(
                        student,
                        "/sessions/" + session + "/questions",
                        Map.of("text", "Shy question", "anonymous", true))
                .get("id")
                .asText();
        live.post(classmate, "/sessions/" + session + "/questions/" + second + "/upvote", null);
        var again = live.send("POST", classmate, "/sessions/" + session + "/questions/" + second + "/upvote", null);
        assertThat(again.getKey()).isEqualTo(409);
        assertThat(live.send("POST", student, "/sessions/" + session + "/questions/" + first + "/dismiss", null)
                        .getKey())
                .isEqualTo(403);
        live.post(teacher, "/sessions/" + session + "/questions/" + first + "/answer", Map.of("live", true));

        awaitProjected(jdbc, session);
        JsonNode queue =
                live.get(classmate, "/sessions/" + session + "/questions").getValue();
        assertThat(queue).extracting(q -> q.get("questionId").asText()).containsExactly(second, first);
        JsonNode studentQueue = live.get(token(school, Role.PUBLIC_VIEWER), "/sessions/" + session + "/questions")
                .getValue();
        assertThat(studentQueue.get(0).has("userId"))
                .as("anonymous toward classmates")
                .isFalse();
        live.post(teacher, "/sessions/" + session + "/questions/" + first + "/resolve", null);
        awaitProjected(jdbc, session);
        assertThat(live.get(teacher, "/sessions/" + session + "/questions").getValue())
                .hasSize(1);
        assertThat(live.send(
                                "POST",
                                teacher,
                                "/sessions/" + session + "/questions/" + java.util.UUID.randomUUID() + "/resolve",
                                null)
                        .getKey())
                .isEqualTo(404);
    }

    /** Ballots never reach a stream; tallies do, to the teacher always and to students only with live results. */
    @Test
    void votesReachStreamsAsCoalescedTalliesNeverAsBallots() {
        String poll = live.post(
                        teacher,
                        "/sessions/" + session + "/polls",
                        Map.of("question", "Tea or coffee?", "options", List.of("Tea", "Coffee")))
                .get("pollId")
                .asText();
        live.post(teacher, "/sessions/" + session + "/polls/" + poll + "/open", null);
        awaitProjected(jdbc, session);
        List<ServerSentEvent<String>> teacherSees = new CopyOnWriteArrayList<>();
        List<ServerSentEvent<String>> studentSees = new CopyOnWriteArrayList<>();
        Disposable a = live.stream(teacher, session, null).subscribe(teacherSees::add);
        Disposable b = live.stream(student, session, null).subscribe(studentSees::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !teacherSees.isEmpty() && !studentSees.isEmpty());
            for (int i = 0; i < 5; i++) {
                String subject = "voter-" + i + "@" + school;
                directory.ensureUserWithRole(new TenantId(school), subject, subject, Role.STUDENT, "test");
                live.post(
                        issuer.mint(new TenantId(school), subject, Duration.ofMinutes(5)),
                        "/sessions/" + session + "/polls/" + poll + "/votes",
                        Map.of("options", List.of(i % 2)));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> teacherSees.stream()
                            .anyMatch(e -> "poll.tally".equals(e.event())
                                    && live.read(e.data())
                                                    .at("/payload/ballots")
                                                    .asInt()
                                            == 5));
            JsonNode last = live.read(teacherSees.stream()
                    .filter(e -> "poll.tally".equals(e.event()))
                    .reduce((x, y) -> y)
                    .orElseThrow()
                    .data());
            assertThat(last.at("/payload/counts")).extracting(JsonNode::asInt).containsExactly(3, 2);
            live.post(teacher, "/sessions/" + session + "/layout", Map.of("layout", "speaker"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> studentSees.stream().anyMatch(e -> "layout.changed".equals(e.event())));
            assertThat(teacherSees).noneMatch(e -> e.event().startsWith("poll.vote"));
            assertThat(studentSees).noneMatch(e -> e.event().startsWith("poll.vote") || "poll.tally".equals(e.event()));
            assertThat(teacherSees.stream()
                            .filter(e -> "poll.tally".equals(e.event()))
                            .count())
                    .as("coalesced: at most one per vote")
                    .isLessThanOrEqualTo(5);
        } finally {
            a.dispose();
            b.dispose();
        }
    }

    @Test
    void changesReachTheStreamAsTheirEvents() {
        awaitProjected(jdbc, session);
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        Disposable stream = live.stream(student, session, null).subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            live.post(teacher, "/sessions/" + session + "/exam-mode", Map.of("enabled", true));
            live.post(teacher, "/sessions/" + session + "/layout", Map.of("layout", "cameras_only"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
            assertThat(received)
                    .extracting(ServerSentEvent::event)
                    .containsSubsequence("state", "exam_mode.changed", "layout.changed");
        } finally {
            stream.dispose();
        }
    }
}
