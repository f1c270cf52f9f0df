package dev.lectern.platform.security;

import static dev.lectern.events.identity.Role.ADMIN;
import static dev.lectern.events.identity.Role.ASSISTANT;
import static dev.lectern.events.identity.Role.AUDITOR;
import static dev.lectern.events.identity.Role.PUBLIC_VIEWER;
import static dev.lectern.events.identity.Role.STUDENT;
import static dev.lectern.events.identity.Role.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two schools x every role (and a user with none, and no token) x every endpoint (21). Only the allowed
 * combinations succeed; the rest get 401/403/404 problem+json, and a refused call changes nothing
 * in the other school (nor in its own).
 */
class AccessMatrixIT extends PlatformIT {

    @Autowired
    ObjectMapper json;

    /**
     * One endpoint: who may call it, and how to call it against school A's resources. Roles in {@code hidden}
     * are not told that the resource exists: 404 in either school, rather than 403.
     */
    record Endpoint(String name, Set<Role> allowed, boolean scopedToResourceOfA, Set<Role> hidden, Call call) {}

    @FunctionalInterface
    interface Call {
        WebTestClient.ResponseSpec as(String authorization);
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOfBothSchoolsAgainstEveryEndpoint() throws IOException {
        String a = newTenant();
        String b = newTenant();
        String session = json.readTree(postSession(a, newKey(), scheduleBody("Matrix class"))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("sessionId")
                .asText();
        String course = json.readTree(write(client().post().uri("/courses"), "Bearer " + token(a, TEACHER))
                        .bodyValue(Map.of("title", "Matrix course"))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("courseId")
                .asText();
        write(client().post().uri("/sessions/" + session + "/start"), "Bearer " + token(a, TEACHER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        String student = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?", String.class, a, "student@" + a);
        String targetUser = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?", String.class, a, "nobody@" + a);

        List<Endpoint> endpoints = List.of(
                endpoint(
                        "POST /sessions",
                        EnumSet.of(ADMIN, TEACHER),
                        false,
                        auth -> write(client().post().uri("/sessions"), auth)
                                .bodyValue(scheduleBody("M"))
                                .exchange()),
                // Auditors find classes read-only (docs/adr/0026-class-lists-visibility.md).
                endpoint(
                        "GET /sessions/{id}",
                        EnumSet.of(ADMIN, TEACHER, ASSISTANT, STUDENT, PUBLIC_VIEWER, AUDITOR),
                        true,
                        auth -> read(client().get().uri("/sessions/" + session), auth)
                                .exchange()),
                endpoint(
                        "GET /sessions",
                        EnumSet.of(ADMIN, TEACHER, ASSISTANT, STUDENT, PUBLIC_VIEWER, AUDITOR),
                        false,
                        auth -> read(client().get().uri("/sessions"), auth).exchange()),
                endpoint(
                        "GET /courses/{id}/sessions",
                        EnumSet.of(ADMIN, TEACHER, ASSISTANT, STUDENT, PUBLIC_VIEWER, AUDITOR),
                        true,
                        auth -> read(client().get().uri("/courses/" + course + "/sessions"), auth)
                                .exchange()),
                // The raw log: auditors and admins as stored, the class's own teacher redacted; the rest of the
                // school cannot tell that the class exists (docs/adr/0015).
                endpoint(
                        "GET /sessions/{id}/events",
                        EnumSet.of(ADMIN, TEACHER, AUDITOR),
                        true,
                        EnumSet.of(ASSISTANT, STUDENT, PUBLIC_VIEWER),
                        auth -> read(client().get().uri("/sessions/" + session + "/events"), auth)
                                .exchange()),
                endpoint(
                        "POST /sessions/{id}/permissions",
                        EnumSet.of(ADMIN, TEACHER),
                        true,
                        auth -> write(client().post().uri("/sessions/" + session + "/permissions"), auth)
                                .bodyValue(Map.of("userId", student, "permission", "present", "action", "grant"))
                                .exchange()),
                endpoint(
                        "POST /sessions/{id}/revocations",
                        EnumSet.of(ADMIN, TEACHER),
                        true,
                        auth -> write(client().post().uri("/sessions/" + session + "/revocations"), auth)
                                .bodyValue(Map.of("userId", targetUser))
                                .exchange()),
                endpoint(
                        "POST /sessions/{id}/join",
                        EnumSet.of(ADMIN, TEACHER, ASSISTANT, STUDENT, PUBLIC_VIEWER),
                        true,
                        auth -> read(client().post().uri("/sessions/" + session + "/join"), auth)
                                .header("Idempotency-Key", newKey())
                                .exchange()),
                endpoint(
                        "POST /sessions/{id}/leave",
                        EnumSet.of(ADMIN, TEACHER, ASSISTANT, STUDENT, PUBLIC_VIEWER),
                        true,
                        auth -> read(client().post().uri("/sessions/" + session + "/leave"), auth)
                                .header("Idempotency-Key", newKey())
                                .exchange()),
                endpoint(
                        "POST /courses",
                        EnumSet.of(ADMIN, TEACHER),
                        false,
                        auth -> write(client().post().uri("/courses"), auth)
                                .bodyValue(Map.of("title", "C"))
                                .exchange()),
                endpoint(
                        "POST /lessons",
                        EnumSet.of(ADMIN, TEACHER),
                        true,
                        auth -> write(client().post().uri("/lessons"), auth)
                                .bodyValue(Map.of("courseId", course, "title", "L"))
                                .exchange()),
                endpoint(
                        "PUT /courses/{id}/enrollments/{userId}",
                        EnumSet.of(ADMIN, TEACHER),
                        true,
                        auth -> write(client().put().uri("/courses/" + course + "/enrollments/" + student), auth)
                                .bodyValue(Map.of("role", "student"))
                                .exchange()),
                endpoint(
                        "GET /courses/{id}/roster",
                        EnumSet.of(ADMIN, TEACHER, ASSISTANT),
                        true,
                        auth -> read(client().get().uri("/courses/" + course + "/roster"), auth)
                                .exchange()),
                endpoint(
                        "POST /admin/users",
                        EnumSet.of(ADMIN),
                        false,
                        auth -> write(client().post().uri("/admin/users"), auth)
                                .bodyValue(Map.of("subject", "new-" + UUID.randomUUID(), "displayName", "New"))
                                .exchange()),
                endpoint(
                        "GET /admin/users",
                        EnumSet.of(ADMIN),
                        false,
                        auth -> read(client().get().uri("/admin/users"), auth).exchange()),
                endpoint(
                        "PUT /admin/users/{id}/roles/student",
                        EnumSet.of(ADMIN),
                        true,
                        auth -> write(client().put().uri("/admin/users/" + targetUser + "/roles/student"), auth)
                                .exchange()),
                endpoint(
                        "DELETE /admin/users/{id}/roles/student",
                        EnumSet.of(ADMIN),
                        true,
                        auth -> read(client().delete().uri("/admin/users/" + targetUser + "/roles/student"), auth)
                                .header("Idempotency-Key", newKey())
                                .exchange()),
                endpoint(
                        "POST /admin/tenant-domains",
                        EnumSet.of(ADMIN),
                        false,
                        auth -> write(client().post().uri("/admin/tenant-domains"), auth)
                                .bodyValue(Map.of(
                                        "domain",
                                        "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.edu"))
                                .exchange()),
                endpoint(
                        "GET /audit",
                        EnumSet.of(AUDITOR),
                        false,
                        auth -> read(client().get().uri("/audit"), auth).exchange()),
                endpoint(
                        "GET /audit/events",
                        EnumSet.of(AUDITOR),
                        false,
                        auth -> read(client().get().uri("/audit/events"), auth).exchange()),
                endpoint(
                        "GET /actuator/prometheus",
                        EnumSet.of(ADMIN),
                        false,
                        auth -> read(client().get().uri("/actuator/prometheus"), auth)
                                .exchange()));

        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            tests.add(DynamicTest.dynamicTest(
                    endpoint.name() + " without a token -> 401",
                    () -> expectRefused(endpoint.call().as(null), 401, a)));
            for (String school : List.of(a, b)) {
                boolean sameSchool = school.equals(a);
                tests.add(DynamicTest.dynamicTest(
                        endpoint.name() + " as nobody@" + (sameSchool ? "A" : "B") + " -> 403",
                        () -> expectRefused(
                                endpoint.call()
                                        .as("Bearer "
                                                + issuer.mint(
                                                        new dev.lectern.events.identity.TenantId(school),
                                                        "nobody@" + school,
                                                        java.time.Duration.ofMinutes(5))),
                                403,
                                a)));
                for (Role role : Role.values()) {
                    String label = endpoint.name() + " as " + role.value() + "@" + (sameSchool ? "A" : "B");
                    String auth = "Bearer " + token(school, role);
                    if (endpoint.hidden().contains(role)) {
                        tests.add(DynamicTest.dynamicTest(
                                label + " -> 404",
                                () -> expectRefused(endpoint.call().as(auth), 404, a)));
                    } else if (!endpoint.allowed().contains(role)) {
                        tests.add(DynamicTest.dynamicTest(
                                label + " -> 403",
                                () -> expectRefused(endpoint.call().as(auth), 403, a)));
                    } else if (!sameSchool && endpoint.scopedToResourceOfA()) {
                        tests.add(DynamicTest.dynamicTest(
                                label + " -> 404",
                                () -> expectRefused(endpoint.call().as(auth), 404, a)));
                    } else {
                        tests.add(DynamicTest.dynamicTest(
                                label + " -> 2xx",
                                () -> endpoint.call()
                                        .as(auth)
                                        .expectStatus()
                                        .is2xxSuccessful()
                                        .expectBody()
                                        .returnResult()));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static Endpoint endpoint(String name, Set<Role> allowed, boolean scopedToResourceOfA, Call call) {
        return new Endpoint(name, allowed, scopedToResourceOfA, EnumSet.noneOf(Role.class), call);
    }

    private static Endpoint endpoint(
            String name, Set<Role> allowed, boolean scopedToResourceOfA, Set<Role> hidden, Call call) {
        return new Endpoint(name, allowed, scopedToResourceOfA, hidden, call);
    }

    private void expectRefused(WebTestClient.ResponseSpec response, int status, String schoolA) throws IOException {
        long events = eventCount();
        String before = fingerprint(schoolA);
        EntityExchangeResult<byte[]> result = response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .returnResult();
        JsonNode problem = json.readTree(result.getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(fingerprint(schoolA)).isEqualTo(before);
    }

    /** Everything a write could change in school A, as one comparable string. */
    private String fingerprint(String tenant) {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM users WHERE tenant_id = ?) || '/' ||
                       (SELECT count(*) FROM user_roles WHERE tenant_id = ?) || '/' ||
                       (SELECT count(*) FROM tenant_domains WHERE tenant_id = ?) || '/' ||
                       (SELECT count(*) FROM idempotency_keys WHERE tenant_id = ?) || '/' ||
                       (SELECT count(*) FROM session_state_events WHERE tenant_id = ?) || '/' ||
                       (SELECT count(*) FROM courses WHERE tenant_id = ?) || '/' ||
                       (SELECT count(*) FROM lessons WHERE tenant_id = ?) || '/' ||
                       (SELECT count(*) FROM enrollments WHERE tenant_id = ?)""", String.class, tenant, tenant, tenant, tenant, tenant, tenant, tenant, tenant);
    }

    private WebTestClient.RequestBodySpec write(WebTestClient.RequestBodySpec spec, String authorization) {
        WebTestClient.RequestBodySpec request =
                spec.contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", newKey());
        return authorization == null ? request : request.header(HttpHeaders.AUTHORIZATION, authorization);
    }

    private WebTestClient.RequestHeadersSpec<?> read(WebTestClient.RequestHeadersSpec<?> spec, String authorization) {
        return authorization == null ? spec : spec.header(HttpHeaders.AUTHORIZATION, authorization);
    }
}
