package dev.lectern.platform.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.command.tables.WriteSideTables;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.processing.DeadLetterGroups;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The command side's tables (docs/adr/0021-write-side-tables-fed-by-events.md): written by a subscribing group in the
 * command's own transaction, so a failing handler rolls the command back; and the migration's one-time backfill from
 * the log gives the rows the handlers write.
 */
class WriteSideTablesIT extends PlatformIT {

    /** Every table the backfill fills, with its rows of one class in a stable order. */
    private static final Map<String, String> TABLES = Map.of(
            "class_courses", "SELECT tenant_id, session_id, course_id FROM class_courses WHERE session_id = ?::uuid",
            "class_revocations", "SELECT * FROM class_revocations WHERE session_id = ?::uuid ORDER BY user_id",
            "class_presenters", "SELECT * FROM class_presenters WHERE session_id = ?::uuid ORDER BY user_id",
            "class_scenes", "SELECT * FROM class_scenes WHERE session_id = ?::uuid ORDER BY scene_id",
            "poll_definitions", "SELECT * FROM poll_definitions WHERE session_id = ?::uuid ORDER BY poll_id",
            "poll_ballots", "SELECT * FROM poll_ballots WHERE session_id = ?::uuid ORDER BY poll_id, user_id");

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    DeadLetterGroups deadLetterGroups;

    private LiveClassSupport live;
    private String school;
    private String teacher;
    private String session;

    @BeforeEach
    void aLiveClass() {
        live = new LiveClassSupport(port, json);
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        session = live.schedule(teacher, "Optics");
        live.post(teacher, "/sessions/" + session + "/start", null);
    }

    @AfterEach
    void healTheHandler() {
        FailingWriteSideHandler.failing = true;
    }

    @Test
    void theTablesAreWrittenInTheCommandsUnitOfWorkWithoutADeadLetterQueue() {
        assertThat(processing.eventProcessorByProcessingGroup(WriteSideTables.PROCESSING_GROUP))
                .containsInstanceOf(SubscribingEventProcessor.class);
        assertThat(deadLetterGroups.names())
                .doesNotContain(WriteSideTables.PROCESSING_GROUP)
                .contains("live-state");
    }

    @Test
    void aFailingWriteSideHandlerRollsTheCommandBackWithItsIdempotencyKey() {
        String student = token(school, Role.STUDENT);
        live.post(student, "/sessions/" + session + "/join", null);
        String key = newKey();
        long before = events("chat.posted");

        FailingWriteSideHandler.failing = true;
        chat(student, key).expectStatus().is5xxServerError();
        assertThat(events("chat.posted")).as("the command's event rolled back").isEqualTo(before);
        assertThat(fakeCourseRows()).as("the handler's own write rolled back").isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?",
                        Long.class,
                        WriteSideTables.PROCESSING_GROUP))
                .as("nothing parked")
                .isZero();

        // The key was rolled back too: the same request with the same key is evaluated afresh and now succeeds.
        FailingWriteSideHandler.failing = false;
        chat(student, key).expectStatus().is2xxSuccessful();
        assertThat(events("chat.posted")).isEqualTo(before + 1);
        assertThat(fakeCourseRows()).isEqualTo(1);
    }

    @Test
    void theMigrationsBackfillGivesTheRowsTheHandlersWrite() throws IOException {
        String subjectA = student("a");
        String subjectB = student("b");
        String studentA = issuer.mint(new TenantId(school), subjectA, Duration.ofMinutes(10));
        String studentB = issuer.mint(new TenantId(school), subjectB, Duration.ofMinutes(10));
        String idA = userId(subjectA);
        String idB = userId(subjectB);
        live.post(studentA, "/sessions/" + session + "/join", null);
        live.post(studentB, "/sessions/" + session + "/join", null);
        // Scenes: one renamed, one deleted.
        String board = live.post(
                        teacher, "/sessions/" + session + "/scenes", Map.of("name", "Board", "layout", "whiteboard"))
                .get("sceneId")
                .asText();
        assertThat(live.send("PUT", teacher, "/sessions/" + session + "/scenes/" + board, Map.of("name", "Whiteboard"))
                        .getKey())
                .isEqualTo(200);
        String gone = live.post(
                        teacher, "/sessions/" + session + "/scenes", Map.of("name", "Gone", "layout", "whiteboard"))
                .get("sceneId")
                .asText();
        assertThat(live.send("DELETE", teacher, "/sessions/" + session + "/scenes/" + gone, null)
                        .getKey())
                .isEqualTo(200);
        // Permissions: A presents, B was given it and lost it, then B is removed from the class.
        permission(idA, "grant");
        permission(idB, "grant");
        permission(idB, "revoke");
        live.post(token(school, Role.ADMIN), "/sessions/" + session + "/revocations", Map.of("userId", idB));
        // A changeable quiz, voted, changed, closed and published; and a second poll left open.
        String quiz = live.post(
                        teacher,
                        "/sessions/" + session + "/polls",
                        Map.of(
                                "question",
                                "Colour of the sky?",
                                "options",
                                List.of("Blue", "Green", "Red"),
                                "multipleChoice",
                                true,
                                "allowChange",
                                true,
                                "correctOptions",
                                List.of(0)))
                .get("pollId")
                .asText();
        live.post(teacher, "/sessions/" + session + "/polls/" + quiz + "/open", null);
        live.post(studentA, "/sessions/" + session + "/polls/" + quiz + "/votes", Map.of("options", List.of(1, 2)));
        assertThat(live.post(
                                studentA,
                                "/sessions/" + session + "/polls/" + quiz + "/votes",
                                Map.of("options", List.of(0)))
                        .get("outcome")
                        .asText())
                .isEqualTo("changed");
        live.post(teacher, "/sessions/" + session + "/polls/" + quiz + "/close", null);
        live.post(teacher, "/sessions/" + session + "/polls/" + quiz + "/publish", null);
        String open = live.post(
                        teacher,
                        "/sessions/" + session + "/polls",
                        Map.of("question", "Ready?", "options", List.of("Yes", "No")))
                .get("pollId")
                .asText();
        live.post(teacher, "/sessions/" + session + "/polls/" + open + "/open", null);
        live.post(studentA, "/sessions/" + session + "/polls/" + open + "/votes", Map.of("options", List.of(0)));

        Map<String, List<Map<String, Object>>> written = rows();
        assertThat(written.get("class_scenes")).hasSize(2);
        assertThat(written.get("class_presenters")).hasSize(2);
        assertThat(written.get("class_revocations")).hasSize(1);
        assertThat(written.get("poll_definitions")).hasSize(2);
        assertThat(written.get("poll_ballots")).hasSize(2);
        assertThat(jdbc.queryForObject(
                        "SELECT options::text FROM poll_ballots WHERE poll_id = ?::uuid", String.class, quiz))
                .isEqualTo("{0}");
        assertThat(jdbc.queryForObject(
                        "SELECT published_counts::text FROM poll_definitions WHERE poll_id = ?::uuid",
                        String.class,
                        quiz))
                .isEqualTo("{1,0,0}");

        // As before the migration: the log only. Then the migration's backfill, as it ran at startup.
        for (String table : TABLES.keySet()) {
            jdbc.update("DELETE FROM " + table + " WHERE session_id = ?::uuid", session);
        }
        assertThat(rows().values()).allMatch(List::isEmpty);
        jdbc.execute(backfill());

        assertThat(rows()).isEqualTo(written);
    }

    private String backfill() throws IOException {
        String migration = new ClassPathResource("db/migration/V14__write_side_tables.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        int start = migration.indexOf("-- One-time backfill");
        assertThat(start).as("the backfill section of V14").isPositive();
        return migration.substring(start);
    }

    private Map<String, List<Map<String, Object>>> rows() {
        Map<String, List<Map<String, Object>>> rows = new java.util.TreeMap<>();
        TABLES.forEach((table, query) -> rows.put(
                table,
                jdbc.queryForList(query, session).stream()
                        .map(row -> {
                            Map<String, Object> printable = new java.util.TreeMap<>();
                            row.forEach((column, value) -> printable.put(column, printable(value)));
                            return printable;
                        })
                        .toList()));
        return rows;
    }

    /** SQL arrays compare by content. */
    private static Object printable(Object value) {
        try {
            return value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new student of the school; returns the subject. */
    private String student(String name) {
        String subject = name + "-" + newKey().substring(0, 8) + "@" + school;
        directory.ensureUserWithRole(new TenantId(school), subject, "Student " + name, Role.STUDENT, "test");
        return subject;
    }

    private String userId(String subject) {
        return jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?", String.class, school, subject);
    }

    private void permission(String userId, String action) {
        live.post(
                teacher,
                "/sessions/" + session + "/permissions",
                Map.of("userId", userId, "permission", "present", "action", action));
    }

    private WebTestClient.ResponseSpec chat(String token, String key) {
        return client().post()
                .uri("/sessions/" + session + "/chat")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", key)
                .bodyValue(Map.of("text", FailingWriteSideHandler.FAIL + " now"))
                .exchange();
    }

    private long events(String name) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid AND event_name = ?",
                Long.class,
                session,
                name);
    }

    private long fakeCourseRows() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM class_courses WHERE tenant_id = ? AND session_id <> ?::uuid",
                Long.class,
                school,
                session);
    }
}
