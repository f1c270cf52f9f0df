package dev.lectern.platform.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A whole class over HTTP, every request sent twice with its key (as a flaky classroom network would):
 * schedule -> start -> teacher, assistant and student join -> the student leaves -> end. The log holds
 * exactly the expected events, in order, once each.
 */
class SessionLifecycleE2E extends PlatformIT {

    @Autowired
    ObjectMapper json;

    @Test
    void aWholeClassWithEveryRequestRetried() throws IOException {
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);

        String session = twice(teacher, client -> client.post().uri("/sessions"), scheduleBody("Chemistry"))
                .get("sessionId")
                .asText();
        assertThat(twice(teacher, c -> c.post().uri("/sessions/" + session + "/start"), null)
                        .get("status")
                        .asText())
                .isEqualTo("live");

        JsonNode teacherJoin = twice(teacher, c -> c.post().uri("/sessions/" + session + "/join"), null);
        JsonNode assistantJoin =
                twice(token(school, Role.ASSISTANT), c -> c.post().uri("/sessions/" + session + "/join"), null);
        String student = token(school, Role.STUDENT);
        JsonNode studentJoin = twice(student, c -> c.post().uri("/sessions/" + session + "/join"), null);
        assertThat(twice(student, c -> c.post().uri("/sessions/" + session + "/leave"), null)
                        .get("changed")
                        .asBoolean())
                .isTrue();
        assertThat(twice(teacher, c -> c.post().uri("/sessions/" + session + "/end"), null)
                        .get("status")
                        .asText())
                .isEqualTo("ended");

        assertThat(List.of(teacherJoin, assistantJoin, studentJoin))
                .extracting(j -> j.get("classRole").asText())
                .containsExactly("teacher", "assistant", "student");
        assertThat(studentJoin.get("media").asText()).isEqualTo("off");
        assertThat(studentJoin.has("token")).isFalse();
        assertThat(studentJoin.get("grants").get("publish").asBoolean()).isFalse();
        assertThat(teacherJoin.get("grants").get("roomAdmin").asBoolean()).isTrue();

        List<String> log = jdbc.queryForList("""
                SELECT event_name || coalesce(':' || (convert_from(payload, 'UTF8')::jsonb ->> 'classRole'), '')
                FROM session_state_events WHERE session_id = ?::uuid ORDER BY global_index""", String.class, session);
        assertThat(log)
                .containsExactly(
                        "session.scheduled",
                        "session.started",
                        "participant.joined:teacher",
                        "participant.joined:assistant",
                        "participant.joined:student",
                        "participant.left",
                        "session.ended");

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> client().get()
                        .uri("/sessions/" + session)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("ended")
                        .jsonPath("$.startedAt")
                        .exists()
                        .jsonPath("$.endedAt")
                        .exists());
    }

    @Test
    void illegalTransitionsAreConflictsAndAppendNothing() throws IOException {
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);
        String session = once(teacher, c -> c.post().uri("/sessions"), scheduleBody("Drama"), 201)
                .get("sessionId")
                .asText();

        assertThat(once(token(school, Role.STUDENT), c -> c.post().uri("/sessions/" + session + "/join"), null, 409)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_NOT_LIVE");
        assertThat(once(token(school, Role.STUDENT), c -> c.post().uri("/sessions/" + session + "/start"), null, 403)
                        .get("code")
                        .asText())
                .isEqualTo("FORBIDDEN");
        // The seed's path works too.
        once(teacher, c -> c.post().uri("/sessions/start"), "{\"sessionId\":\"" + session + "\"}", 200);
        assertThat(once(teacher, c -> c.post().uri("/sessions/" + session + "/cancel"), "{}", 409)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_ALREADY_LIVE");
        once(teacher, c -> c.post().uri("/sessions/" + session + "/end"), null, 200);
        long events = eventCount();
        assertThat(once(teacher, c -> c.post().uri("/sessions/" + session + "/end"), null, 409)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_ENDED");
        assertThat(once(token(school, Role.STUDENT), c -> c.post().uri("/sessions/" + session + "/join"), null, 409)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_ENDED");
        assertThat(once(token(newTenant(), Role.TEACHER), c -> c.post().uri("/sessions/" + session + "/end"), null, 404)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_NOT_FOUND");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aCancelledClassCannotStartAndAMovedClassKeepsItsTitle() throws IOException {
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);
        String moved = once(teacher, c -> c.post().uri("/lesson-runs"), scheduleBody("History"), 201)
                .get("sessionId")
                .asText();
        once(
                teacher,
                c -> c.post().uri("/sessions/" + moved + "/reschedule"),
                "{\"startsAt\":\"2031-01-01T09:00:00Z\",\"durationMinutes\":90}",
                200);
        Map<String, Object> rescheduled = jdbc.queryForMap("""
                SELECT payload->>'title' AS title, payload->>'durationMinutes' AS minutes FROM session_state_events_readable
                WHERE session_id = ?::uuid AND event_name = 'session.rescheduled'""", moved);
        assertThat(rescheduled).containsEntry("title", "History").containsEntry("minutes", "90");
        // A blank new title is the client's mistake: 400 problem+json, not a 500 from the command's guard.
        assertThat(once(
                                teacher,
                                c -> c.post().uri("/sessions/" + moved + "/reschedule"),
                                "{\"title\":\"   \",\"startsAt\":\"2031-01-01T09:00:00Z\",\"durationMinutes\":90}",
                                400)
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");

        String cancelled = once(teacher, c -> c.post().uri("/sessions"), scheduleBody("Art"), 201)
                .get("sessionId")
                .asText();
        once(teacher, c -> c.post().uri("/sessions/" + cancelled + "/cancel"), "{\"reason\":\"Snow day\"}", 200);
        assertThat(once(teacher, c -> c.post().uri("/sessions/" + cancelled + "/start"), null, 409)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_CANCELLED");
    }

    /** Sends the same request twice with one key: both answers must be identical; returns the body. */
    private JsonNode twice(
            String token,
            java.util.function.Function<WebTestClient, WebTestClient.RequestBodySpec> request,
            String body)
            throws IOException {
        String key = newKey();
        byte[] first = send(token, request, body, key)
                .expectStatus()
                .is2xxSuccessful()
                .expectBody()
                .returnResult()
                .getResponseBody();
        byte[] second = send(token, request, body, key)
                .expectStatus()
                .is2xxSuccessful()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(second).isEqualTo(first);
        return json.readTree(first);
    }

    private JsonNode once(
            String token,
            java.util.function.Function<WebTestClient, WebTestClient.RequestBodySpec> request,
            String body,
            int status)
            throws IOException {
        return json.readTree(send(token, request, body, newKey())
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    private WebTestClient.ResponseSpec send(
            String token,
            java.util.function.Function<WebTestClient, WebTestClient.RequestBodySpec> request,
            String body,
            String key) {
        WebTestClient.RequestBodySpec spec = request.apply(client())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", key);
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
