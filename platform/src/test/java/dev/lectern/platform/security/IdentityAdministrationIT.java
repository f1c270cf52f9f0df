package dev.lectern.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Admin endpoints, the audit trail, and the rules around roles. */
class IdentityAdministrationIT extends PlatformIT {

    @Autowired
    ObjectMapper json;

    @Test
    void anAdminCreatesAUserAndARoleInTheBodyIsRefused() throws IOException {
        String school = newTenant();
        // Strict binding (docs/adr/0013-one-input-rule.md): a field the request does not have is a 400, not ignored.
        JsonNode refused = body(as(school, Role.ADMIN, client().post().uri("/admin/users"))
                .bodyValue(Map.of("subject", "alice@example.edu", "displayName", "Alice", "roles", List.of("admin")))
                .exchange()
                .expectStatus()
                .isBadRequest());
        assertThat(refused.at("/errors/0/pointer").asText()).isEqualTo("#/roles");
        assertThat(roles(school, "alice@example.edu")).isEmpty();
        JsonNode user = body(as(school, Role.ADMIN, client().post().uri("/admin/users"))
                .bodyValue(Map.of("subject", "alice@example.edu", "displayName", "Alice"))
                .exchange()
                .expectStatus()
                .isCreated());

        assertThat(user.get("roles")).isEmpty();
        assertThat(roles(school, "alice@example.edu")).isEmpty();
        assertThat(body(as(school, Role.ADMIN, client().post().uri("/admin/users"))
                                .bodyValue(Map.of("subject", "alice@example.edu", "displayName", "Alice again"))
                                .exchange()
                                .expectStatus()
                                .isEqualTo(409))
                        .get("code")
                        .asText())
                .isEqualTo("ALREADY_EXISTS");
    }

    @Test
    void grantsAndRevocationsAreAuditedWithActorSubjectReasonAndTime() throws IOException {
        String school = newTenant();
        String userId = userId(school, "nobody@" + school);

        JsonNode granted = body(
                as(school, Role.ADMIN, client().put().uri("/admin/users/" + userId + "/roles/teacher?reason=Hired"))
                        .exchange()
                        .expectStatus()
                        .isOk());
        assertThat(granted.get("changed").asBoolean()).isTrue();
        assertThat(granted.get("roles")).extracting(JsonNode::asText).containsExactly("teacher");
        JsonNode again = body(as(school, Role.ADMIN, client().put().uri("/admin/users/" + userId + "/roles/teacher"))
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(again.get("changed").asBoolean()).isFalse();
        body(as(school, Role.ADMIN, client().delete().uri("/admin/users/" + userId + "/roles/teacher?reason=Left"))
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(roles(school, "nobody@" + school)).isEmpty();

        JsonNode audit = body(client().get()
                .uri("/audit")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(school, Role.AUDITOR))
                .exchange()
                .expectStatus()
                .isOk());
        List<JsonNode> entries = audit.get("entries").findParents("action");
        assertThat(entries)
                .extracting(e -> e.get("action").asText() + " "
                        + e.get("subjectId").asText() + " "
                        + e.get("actorSubject").asText() + " " + e.get("reason").asText())
                .containsSubsequence(
                        "role.granted " + userId + "/teacher admin@" + school + " Hired",
                        "role.revoked " + userId + "/teacher admin@" + school + " Left");
        assertThat(entries)
                .allSatisfy(e -> assertThat(e.get("occurredAt").asText()).isNotBlank());
    }

    @Test
    void aStudentCannotGrantRolesAndTheAttemptIsAudited() throws IOException {
        String school = newTenant();
        String self = userId(school, "student@" + school);

        JsonNode problem = body(as(school, Role.STUDENT, client().put().uri("/admin/users/" + self + "/roles/admin"))
                .exchange()
                .expectStatus()
                .isForbidden());

        assertThat(problem.get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(roles(school, "student@" + school)).containsExactly("student");
        Map<String, Object> denied = jdbc.queryForMap(
                "SELECT actor_subject, action, outcome, subject_id FROM audit_log WHERE tenant_id = ? AND outcome = 'denied'",
                school);
        assertThat(denied)
                .containsEntry("actor_subject", "student@" + school)
                .containsEntry("action", "manage_roles")
                .containsEntry("subject_id", "PUT /admin/users/" + self + "/roles/admin");
    }

    @Test
    void aRevokedRoleStopsWorkingAtOnceEvenWithAnOldToken() {
        String school = newTenant();
        String teacherToken = token(school, Role.TEACHER);
        postSession(school, newKey(), scheduleBody("Before"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult();

        as(
                        school,
                        Role.ADMIN,
                        client().delete().uri("/admin/users/" + userId(school, "teacher@" + school) + "/roles/teacher"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();

        client().post()
                .uri("/sessions")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacherToken)
                .header("Idempotency-Key", newKey())
                .bodyValue(scheduleBody("After"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .returnResult();
    }

    @Test
    void theLastAdminCannotBeRemoved() throws IOException {
        String school = newTenant();
        String admin = userId(school, "admin@" + school);

        JsonNode problem = body(as(school, Role.ADMIN, client().delete().uri("/admin/users/" + admin + "/roles/admin"))
                .exchange()
                .expectStatus()
                .isEqualTo(409));

        assertThat(problem.get("code").asText()).isEqualTo("LAST_ADMIN");
        assertThat(roles(school, "admin@" + school)).containsExactly("admin");
    }

    @Test
    void tenantDomainsAreValidatedAndBelongToOneSchool() throws IOException {
        String school = newTenant();
        String other = newTenant();
        String domain = school + ".example.edu";
        body(as(school, Role.ADMIN, client().post().uri("/admin/tenant-domains"))
                .bodyValue(Map.of("domain", domain))
                .exchange()
                .expectStatus()
                .isCreated());
        assertThat(body(as(other, Role.ADMIN, client().post().uri("/admin/tenant-domains"))
                                .bodyValue(Map.of("domain", domain))
                                .exchange()
                                .expectStatus()
                                .isEqualTo(409))
                        .get("code")
                        .asText())
                .isEqualTo("ALREADY_EXISTS");
        assertThat(body(as(school, Role.ADMIN, client().post().uri("/admin/tenant-domains"))
                                .bodyValue(Map.of("domain", "Not a domain!"))
                                .exchange()
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        // The other school cannot remove it, and cannot tell whose it is.
        assertThat(body(as(other, Role.ADMIN, client().delete().uri("/admin/tenant-domains/" + domain))
                                .exchange()
                                .expectStatus()
                                .isNotFound())
                        .get("code")
                        .asText())
                .isEqualTo("NOT_FOUND");
        body(as(school, Role.ADMIN, client().delete().uri("/admin/tenant-domains/" + domain))
                .exchange()
                .expectStatus()
                .isOk());
    }

    @Test
    void theAuditLogIsAppendOnlyEvenForTheApplication() {
        String school = newTenant();
        as(school, Role.STUDENT, client().get().uri("/admin/users"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .returnResult();

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET outcome = 'done' WHERE tenant_id = ?", school))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_log WHERE tenant_id = ?", school))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE tenant_id = ?", Long.class, school))
                .isEqualTo(1);
    }

    @Test
    void badPathValuesAreClearErrors() throws IOException {
        String school = newTenant();
        assertThat(body(as(school, Role.ADMIN, client().put().uri("/admin/users/not-a-uuid/roles/teacher"))
                                .exchange()
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(body(as(
                                        school,
                                        Role.ADMIN,
                                        client().put()
                                                .uri("/admin/users/" + userId(school, "nobody@" + school)
                                                        + "/roles/king"))
                                .exchange()
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(body(as(
                                        school,
                                        Role.ADMIN,
                                        client().put()
                                                .uri("/admin/users/3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b/roles/teacher"))
                                .exchange()
                                .expectStatus()
                                .isNotFound())
                        .get("code")
                        .asText())
                .isEqualTo("USER_NOT_FOUND");
    }

    private WebTestClient.RequestBodySpec as(String school, Role role, WebTestClient.RequestBodySpec request) {
        return request.contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(school, role))
                .header("Idempotency-Key", newKey());
    }

    private WebTestClient.RequestHeadersSpec<?> as(
            String school, Role role, WebTestClient.RequestHeadersSpec<?> request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(school, role))
                .header("Idempotency-Key", newKey());
    }

    private JsonNode body(WebTestClient.ResponseSpec response) throws IOException {
        return json.readTree(response.expectBody().returnResult().getResponseBody());
    }

    private String userId(String school, String subject) {
        return jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?", String.class, school, subject);
    }

    private List<String> roles(String school, String subject) {
        return jdbc.queryForList("""
                SELECT r.role FROM user_roles r JOIN users u ON u.tenant_id = r.tenant_id AND u.user_id = r.user_id
                WHERE u.tenant_id = ? AND u.subject = ? ORDER BY r.role""", String.class, school, subject);
    }
}
