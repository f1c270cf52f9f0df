package dev.lectern.platform.privacy;

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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/**
 * Privacy by allowlist at the wire (docs/adr/0015): public viewers find no user id in the questions, the
 * state or the stream; the raw log is the auditors' and admins' (as stored, every read audited), the
 * class's own teacher reads it without ballots per person or deleted text, anyone else gets 404.
 */
class PrivacyIT extends PlatformIT {

    private static final String REGRETTABLE = "a regrettable message";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private LiveClassSupport live;
    private String school;
    private String teacher;
    private String student;
    private String studentId;
    private String session;

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
        session = live.schedule(teacher, "Privacy");
        live.post(teacher, "/sessions/" + session + "/start", null);
        live.post(teacher, "/sessions/" + session + "/join", null);
        live.post(student, "/sessions/" + session + "/join", null);
    }

    @Test
    void aPublicViewerFindsNoUserIdInTheQuestionsTheStateOrTheStream() {
        String viewer = token(school, Role.PUBLIC_VIEWER);
        live.post(viewer, "/sessions/" + session + "/join", null);
        awaitProjected(jdbc, session);
        List<ServerSentEvent<String>> seen = new CopyOnWriteArrayList<>();
        Disposable stream = live.stream(viewer, session, null).subscribe(seen::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(e -> "state".equals(e.event())));
            String question = live.post(
                            student, "/sessions/" + session + "/questions", Map.of("text", "What is light?"))
                    .get("id")
                    .asText();
            live.post(
                    teacher,
                    "/sessions/" + session + "/whiteboard",
                    Map.of(
                            "ops",
                            List.of(Map.of(
                                    "type", "text", "id", "t1", "points", List.of(0.5, 0.5), "text", "c = 3e8"))));
            live.post(token(school, Role.ASSISTANT), "/sessions/" + session + "/join", null);
            live.post(
                    token(school, Role.ASSISTANT), "/sessions/" + session + "/questions/" + question + "/upvote", null);
            live.post(teacher, "/sessions/" + session + "/questions/" + question + "/answer", Map.of("live", true));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> seen.stream().anyMatch(e -> "question.answered".equals(e.event())));
            assertThat(seen)
                    .extracting(ServerSentEvent::event)
                    .contains("question.asked", "whiteboard.updated", "question.upvoted");
            awaitProjected(jdbc, session);

            JsonNode questions =
                    live.get(viewer, "/sessions/" + session + "/questions").getValue();
            assertThat(questions).extracting(q -> q.get("text").asText()).containsExactly("What is light?");
            JsonNode state = live.get(viewer, "/sessions/" + session + "/state").getValue();
            assertThat(state.get("present").asInt())
                    .as("a head count instead of the roster")
                    .isEqualTo(4);
            List<String> everything = new ArrayList<>(List.of(questions.toString(), state.toString()));
            seen.forEach(e -> everything.add(e.event() + " " + e.data()));
            List<String> people =
                    jdbc.queryForList("SELECT user_id::text FROM users WHERE tenant_id = ?", String.class, school);
            for (String shown : everything) {
                assertThat(people).as("no user id in: " + shown).noneMatch(shown::contains);
                assertThat(shown).as("no login subject").doesNotContain("@" + school);
            }
        } finally {
            stream.dispose();
        }
    }

    @Test
    void anyoneButTheSchoolsAuditorsAdminsAndTheClassTeacherGets404OnTheRawLog() {
        TenantId tenant = new TenantId(school);
        directory.ensureUserWithRole(tenant, "other-teacher@" + school, "Other teacher", Role.TEACHER, "test");
        String otherTeacher = issuer.mint(tenant, "other-teacher@" + school, Duration.ofMinutes(5));
        for (String reader : List.of(
                otherTeacher,
                student,
                token(school, Role.ASSISTANT),
                token(school, Role.PUBLIC_VIEWER),
                token(newTenant(), Role.AUDITOR))) {
            var answer = live.get(reader, "/sessions/" + session + "/events");
            assertThat(answer.getKey()).isEqualTo(404);
            assertThat(answer.getValue().get("code").asText()).isEqualTo("SESSION_NOT_FOUND");
        }
        assertThat(live.get(teacher, "/sessions/" + UUID.randomUUID() + "/events")
                        .getKey())
                .as("the same answer as for a class that does not exist")
                .isEqualTo(404);
        assertThat(live.get(teacher, "/sessions/" + session + "/events").getKey())
                .isEqualTo(200);
        String nobody = issuer.mint(tenant, "nobody@" + school, Duration.ofMinutes(5));
        assertThat(live.get(nobody, "/sessions/" + session + "/events").getKey())
                .as("no role in the school")
                .isEqualTo(403);
    }

    @Test
    void theClassTeacherReadsTheLogWithoutBallotsPerPersonOrDeletedText() {
        String deletedMessage = aVoteAndADeletedMessage();
        awaitProjected(jdbc, session);

        JsonNode log =
                live.get(teacher, "/sessions/" + session + "/events?limit=1000").getValue();
        List<String> names = log.get("events").findValuesAsText("name");
        assertThat(names)
                .contains("poll.created", "poll.opened", "chat.posted", "chat.deleted")
                .doesNotContain("poll.vote_cast");
        assertThat(log.toString()).doesNotContain(REGRETTABLE).doesNotContain("idempotencyKey");
        JsonNode posted = entry(log, "chat.posted");
        assertThat(posted.at("/payload/messageId").asText()).isEqualTo(deletedMessage);
        assertThat(posted.get("payload").has("text")).isFalse();
        assertThat(posted.at("/metadata/actor").asText()).isEqualTo("student@" + school);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                                + "AND event_name = 'poll.vote_cast'",
                        Long.class,
                        session))
                .as("the ballot is in the log")
                .isEqualTo(1);

        // A stream resumed from before the message gets it from the log, and not its text either.
        long before = entry(log, "chat.posted").get("position").asLong() - 1;
        List<ServerSentEvent<String>> resumed = new CopyOnWriteArrayList<>();
        Disposable stream = live.stream(teacher, session, Long.toString(before)).subscribe(resumed::add);
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> resumed.stream().anyMatch(e -> "chat.deleted".equals(e.event())));
            assertThat(resumed).extracting(ServerSentEvent::event).contains("chat.posted");
            assertThat(resumed).noneMatch(e -> e.data().contains(REGRETTABLE));
        } finally {
            stream.dispose();
        }
    }

    @Test
    void auditorsAndAdminsReadTheLogAsStoredAndEveryReadIsAudited() {
        String deletedMessage = aVoteAndADeletedMessage();
        awaitProjected(jdbc, session);
        for (Role role : List.of(Role.AUDITOR, Role.ADMIN)) {
            JsonNode log = live.get(token(school, role), "/sessions/" + session + "/events?limit=1000")
                    .getValue();
            JsonNode ballot = entry(log, "poll.vote_cast");
            assertThat(ballot.at("/payload/userId").asText()).isEqualTo(studentId);
            assertThat(ballot.at("/payload/options"))
                    .extracting(JsonNode::asInt)
                    .containsExactly(1);
            assertThat(ballot.at("/metadata/idempotencyKey").isTextual()).isTrue();
            JsonNode posted = entry(log, "chat.posted");
            assertThat(posted.at("/payload/messageId").asText()).isEqualTo(deletedMessage);
            assertThat(posted.at("/payload/text").asText()).isEqualTo(REGRETTABLE);
            assertThat(jdbc.queryForObject(
                            """
                    SELECT count(*) FROM audit_log WHERE tenant_id = ? AND action = 'audit.read' AND actor_subject = ?
                      AND subject_id = ?""",
                            Long.class,
                            school,
                            role.value() + "@" + school,
                            "GET /sessions/" + session + "/events?limit=1000"))
                    .as(role + "'s read is audited")
                    .isEqualTo(1);
        }
    }

    /** The student votes option 1 in an open poll and posts a message that the teacher deletes; its id. */
    private String aVoteAndADeletedMessage() {
        String poll = live.post(
                        teacher,
                        "/sessions/" + session + "/polls",
                        Map.of("question", "Wave or particle?", "options", List.of("Wave", "Particle")))
                .get("pollId")
                .asText();
        live.post(teacher, "/sessions/" + session + "/polls/" + poll + "/open", null);
        live.post(student, "/sessions/" + session + "/polls/" + poll + "/votes", Map.of("options", List.of(1)));
        String message = live.post(student, "/sessions/" + session + "/chat", Map.of("text", REGRETTABLE))
                .get("messageId")
                .asText();
        live.post(teacher, "/sessions/" + session + "/chat/" + message + "/delete", Map.of("reason", "inappropriate"));
        return message;
    }

    private static JsonNode entry(JsonNode log, String name) {
        for (JsonNode event : log.get("events")) {
            if (name.equals(event.get("name").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + name + " in " + log);
    }
}
