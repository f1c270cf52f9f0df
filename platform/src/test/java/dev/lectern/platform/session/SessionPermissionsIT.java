package dev.lectern.platform.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Session-scoped permissions over HTTP: events in the class's log, audit rows, the class teacher's authority. */
class SessionPermissionsIT extends PlatformIT {

    @Autowired
    ObjectMapper json;

    private String school;
    private String session;
    private String student;

    @BeforeEach
    void aScheduledClass() throws IOException {
        school = newTenant();
        session = json.readTree(postSession(school, newKey(), scheduleBody("Physics"))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("sessionId")
                .asText();
        student = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
    }

    @Test
    void theTeacherPromotesAStudentAndTheLogAndAuditShowIt() throws IOException {
        JsonNode result = body(change(token(school, Role.TEACHER), "present", "grant", "Shows the experiment")
                .expectStatus()
                .isOk());
        assertThat(result.get("changed").asBoolean()).isTrue();
        JsonNode again = body(change(token(school, Role.TEACHER), "present", "grant", null)
                .expectStatus()
                .isOk());
        assertThat(again.get("changed").asBoolean()).isFalse();

        Map<String, Object> event = jdbc.queryForMap("""
                SELECT event_name, payload->>'userId' AS user_id, payload->>'permission' AS permission,
                       payload->>'grantedBy' AS granted_by, payload->>'reason' AS reason
                FROM session_state_events_readable WHERE session_id = ?::uuid AND event_name = 'permission.granted'""", session);
        assertThat(event)
                .containsEntry("user_id", student)
                .containsEntry("permission", "PRESENT")
                .containsEntry("granted_by", "teacher@" + school)
                .containsEntry("reason", "Shows the experiment");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log WHERE tenant_id = ? AND action = 'permission.granted' AND reason = ?""", Long.class, school, "Shows the experiment"))
                .isEqualTo(1);
    }

    @Test
    void anotherTeacherOfTheSchoolIsRefusedAndAudited() throws IOException {
        directory.ensureUserWithRole(
                new dev.lectern.events.identity.TenantId(school),
                "colleague@" + school,
                "Colleague",
                Role.TEACHER,
                "test");
        String colleague = issuer.mint(
                new dev.lectern.events.identity.TenantId(school),
                "colleague@" + school,
                java.time.Duration.ofMinutes(5));
        long events = eventCount();

        body(change(colleague, "moderate", "grant", null).expectStatus().isForbidden());

        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log WHERE tenant_id = ? AND actor_subject = ? AND outcome = 'denied'""", Long.class, school, "colleague@" + school))
                .isEqualTo(1);
    }

    @Test
    void aRemovedParticipantCannotBeGivenPermissions() throws IOException {
        String admin = token(school, Role.ADMIN);
        JsonNode revoked = body(as(admin, client().post().uri("/sessions/" + session + "/revocations"))
                .bodyValue(Map.of("userId", student, "reason", "Disruptive"))
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(revoked.get("changed").asBoolean()).isTrue();

        assertThat(body(change(token(school, Role.TEACHER), "present", "grant", null)
                                .expectStatus()
                                .isEqualTo(409))
                        .get("code")
                        .asText())
                .isEqualTo("PARTICIPANT_REVOKED");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                                + "AND event_name = 'participant.revoked'",
                        Long.class,
                        session))
                .isEqualTo(1);
    }

    @Test
    void badRequestsAreClearErrors() throws IOException {
        String teacher = token(school, Role.TEACHER);
        assertThat(body(as(teacher, client().post().uri("/sessions/" + session + "/permissions"))
                                .bodyValue(Map.of("userId", student, "permission", "fly", "action", "grant"))
                                .exchange()
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(body(as(teacher, client().post().uri("/sessions/" + session + "/permissions"))
                                .bodyValue(Map.of("userId", student, "permission", "present", "action", "maybe"))
                                .exchange()
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(body(as(teacher, client().post().uri("/sessions/" + session + "/permissions"))
                                .bodyValue(Map.of(
                                        "userId",
                                        UUID.randomUUID().toString(),
                                        "permission",
                                        "present",
                                        "action",
                                        "grant"))
                                .exchange()
                                .expectStatus()
                                .isNotFound())
                        .get("code")
                        .asText())
                .isEqualTo("USER_NOT_FOUND");
        assertThat(body(as(teacher, client().post().uri("/sessions/" + UUID.randomUUID() + "/permissions"))
                                .bodyValue(Map.of("userId", student, "permission", "present", "action", "grant"))
                                .exchange()
                                .expectStatus()
                                .isNotFound())
                        .get("code")
                        .asText())
                .isEqualTo("NOT_FOUND");
    }

    private WebTestClient.ResponseSpec change(String token, String permission, String action, String reason) {
        Map<String, String> request = reason == null
                ? Map.of("userId", student, "permission", permission, "action", action)
                : Map.of("userId", student, "permission", permission, "action", action, "reason", reason);
        return as(token, client().post().uri("/sessions/" + session + "/permissions"))
                .bodyValue(request)
                .exchange();
    }

    private WebTestClient.RequestBodySpec as(String token, WebTestClient.RequestBodySpec request) {
        return request.contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey());
    }

    private JsonNode body(WebTestClient.ResponseSpec response) throws IOException {
        return json.readTree(response.expectBody().returnResult().getResponseBody());
    }
}
