package dev.lectern.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Sign-in with the default configuration (JIT provisioning off, docs/adr/0027): names from the token refresh
 * the user record, an unknown subject is what it always was (authenticated, no roles, nothing written), bad
 * claims never give a 500, and an operator creates a school at run time whose first admin signs in at once.
 */
class SignInIT extends PlatformIT {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    DevTokens devTokens;

    private LiveClassSupport live;
    private String school;

    @BeforeEach
    void aSchool() {
        live = new LiveClassSupport(port, json);
        school = newTenant();
    }

    private String tokenFor(String tenant, String subject, Map<String, Object> claims) {
        return issuer.mint(new TenantId(tenant), subject, Duration.ofMinutes(30), claims);
    }

    private long users(String tenant, String subject) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM users WHERE tenant_id = ? AND subject = ?", Long.class, tenant, subject);
    }

    @Test
    void withoutJitAnUnknownSubjectIsAuthenticatedWithNoRolesAndNothingIsWritten() {
        String subject = "stranger-" + UUID.randomUUID();
        String token = tokenFor(
                school, subject, Map.of("name", "Stranger", "realm_access", Map.of("roles", List.of("admin"))));

        assertThat(live.get(token, "/admin/users").getKey()).isEqualTo(403);

        assertThat(users(school, subject)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM audit_log WHERE tenant_id = ? AND action = 'user.created'",
                        Long.class,
                        school))
                .isZero();
    }

    @Test
    void theNameAndEmailClaimsRefreshTheRecordAndAbsentClaimsKeepIt() {
        String admin = "admin@" + school;
        live.get(tokenFor(school, admin, Map.of("name", "Grace Hopper", "email", "grace@example.edu")), "/admin/users");
        assertThat(jdbc.queryForMap(
                        "SELECT display_name, email FROM users WHERE tenant_id = ? AND subject = ?", school, admin))
                .containsEntry("display_name", "Grace Hopper")
                .containsEntry("email", "grace@example.edu");

        // No profile claims at all: the record keeps its name.
        live.get(token(school, Role.ADMIN), "/admin/users");
        assertThat(jdbc.queryForObject(
                        "SELECT display_name FROM users WHERE tenant_id = ? AND subject = ?",
                        String.class,
                        school,
                        admin))
                .isEqualTo("Grace Hopper");

        // preferred_username when there is no name; the e-mail is kept when the claim is unusable.
        live.get(
                tokenFor(school, admin, Map.of("preferred_username", "ghopper", "email", "not an e-mail")),
                "/admin/users");
        assertThat(jdbc.queryForMap(
                        "SELECT display_name, email FROM users WHERE tenant_id = ? AND subject = ?", school, admin))
                .containsEntry("display_name", "ghopper")
                .containsEntry("email", "grace@example.edu");
    }

    @Test
    void badClaimsNeverGiveA500WithoutJitEither() {
        String teacher = "teacher@" + school;
        List<Map<String, Object>> bad = List.of(
                Map.of("name", "A\u0000B"),
                Map.of("name", "y".repeat(10_000), "email", "z".repeat(300) + "@example.edu"),
                Map.of("name", List.of(1, 2), "email", 5),
                Map.of("name", "\u0000\u0000"));
        for (Map<String, Object> claims : bad) {
            assertThat(live.get(tokenFor(school, teacher, claims), "/admin/users")
                            .getKey())
                    .as("claims %s", claims.keySet())
                    .isEqualTo(403);
        }
        // The last usable name stays: the 10k name cut to 200, then a name of only NULs counts as absent.
        assertThat(jdbc.queryForObject(
                        "SELECT display_name FROM users WHERE tenant_id = ? AND subject = ?",
                        String.class,
                        school,
                        teacher))
                .isEqualTo("y".repeat(200));
    }

    @Test
    void anOperatorCreatesASchoolAtRunTimeAndItsFirstAdminSignsInWithoutARestart() {
        directory.ensureTenant(new TenantId("ops"), "Platform operations");
        String operator = issuer.mint(new TenantId("ops"), "operator@ops", Duration.ofMinutes(10));
        String id = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        String key = newKey();
        String body = "{\"id\":\"" + id + "\",\"name\":\"Run Time High\",\"firstAdmin\":{\"subject\":\"boss@" + id
                + "\",\"displayName\":\"Bea Boss\",\"email\":\"bea@" + id + ".example\"}}";

        JsonNode created = createTenant(operator, key, body)
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(created.get("tenantId").asText()).isEqualTo(id);
        assertThat(created.at("/firstAdmin/roles/0").asText()).isEqualTo("admin");
        // The same key answers the same; another key for the same id is a conflict.
        createTenant(operator, key, body).expectStatus().isCreated();
        createTenant(operator, newKey(), body).expectStatus().isEqualTo(409);
        // Only operators: a school's admin is not one.
        createTenant(token(school, Role.ADMIN), newKey(), body.replace(id, id + "x"))
                .expectStatus()
                .isForbidden();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tenants WHERE tenant_id = ?", Long.class, id + "x"))
                .isZero();

        // The first admin signs in straight away and runs the school.
        String boss = tokenFor(id, "boss@" + id, Map.of("name", "Bea Boss"));
        var users = live.get(boss, "/admin/users");
        assertThat(users.getKey()).isEqualTo(200);
        assertThat(users.getValue().toString()).contains("\"displayName\":\"Bea Boss\"", "admin");
        assertThat(live.post(boss, "/admin/users", Map.of("subject", "t1@" + id, "displayName", "Tom Teacher")))
                .isNotNull();
        // Audited in the new school's own log, by the operator.
        assertThat(jdbc.queryForList(
                        "SELECT action FROM audit_log WHERE tenant_id = ? AND actor_subject = ? ORDER BY audit_id",
                        String.class,
                        id,
                        "operator:ops/operator@ops"))
                .containsExactly("tenant.created", "user.created", "role.granted");
        // Bad input is a 400, never a 500.
        createTenant(operator, newKey(), "{\"id\":\"Bad Id\",\"name\":\"x\",\"firstAdmin\":{\"subject\":\"a\"}}")
                .expectStatus()
                .isBadRequest();
        createTenant(
                        operator,
                        newKey(),
                        "{\"id\":\"ok-id-" + UUID.randomUUID().toString().substring(0, 4) + "\",\"name\":\"x\u0000\"}")
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void developmentTokensCarryTheProfileClaimsOfTheSeed() throws Exception {
        String token = devTokens
                .mint(new TenantId("north-high"), "teacher@north-high", Duration.ofMinutes(5))
                .block(Duration.ofSeconds(10));
        Map<String, Object> claims =
                com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getClaims();
        assertThat(claims)
                .containsEntry("name", "Ada Teacher")
                .containsEntry("preferred_username", "teacher@north-high")
                .containsEntry("email", "teacher@north-high.example.edu");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM users u JOIN user_roles r USING (tenant_id, user_id) "
                                + "WHERE u.tenant_id = 'north-high' AND u.subject LIKE 'student%@north-high' "
                                + "AND r.role = 'student'",
                        Long.class))
                .isEqualTo(31);
        assertThat(jdbc.queryForObject(
                        "SELECT display_name FROM users WHERE tenant_id = 'north-high' AND subject = 'student30@north-high'",
                        String.class))
                .isEqualTo("Dana Levi");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec createTenant(
            String token, String key, String body) {
        return client().post()
                .uri("/operator/tenants")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
