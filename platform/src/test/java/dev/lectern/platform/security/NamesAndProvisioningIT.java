package dev.lectern.platform.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.lectern.platform.live.LiveClassSupport.awaitProjected;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import livekit.LivekitEgress;
import livekit.LivekitModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * People have names, and sign in without double entry (docs/adr/0027), with just-in-time provisioning on and
 * the media plane on (LiveKit faked at the wire): the token's {@code name} reaches the roster, the chat, the
 * LiveKit token and the audit log; a first sign-in creates the user once, with the mapped roles, audited;
 * the role claim re-syncs only what it granted; bad claims never give a 500; no user in an unknown tenant.
 */
// Its own application context (JIT on, LiveKit on): closed after the class.
@DirtiesContext
class NamesAndProvisioningIT extends PlatformIT {

    private static final String SECRET = "it-secret-it-secret-it-secret-it-secret";
    private static final WireMockServer LIVEKIT =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        LIVEKIT.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lectern.livekit.url", () -> "http://localhost:" + LIVEKIT.port());
        registry.add("lectern.livekit.api-key", () -> "itkey");
        registry.add("lectern.livekit.api-secret", () -> SECRET);
        registry.add("lectern.identity.jit-provisioning", () -> "true");
        registry.add("lectern.identity.role-claim", () -> "realm_access.roles");
        registry.add(
                "lectern.identity.role-mapping",
                () -> "lectern-teacher=teacher,lectern-student=student,lectern-assistant=assistant");
    }

    @AfterAll
    static void stopLiveKit() {
        LIVEKIT.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private LiveClassSupport live;
    private String school;

    @BeforeEach
    void aSchool() {
        LIVEKIT.resetAll();
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.Egress/StartRoomCompositeEgress"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitEgress.EgressInfo.newBuilder()
                                .setEgressId("EG_it")
                                .build()
                                .toByteArray())));
        live = new LiveClassSupport(port, json);
        school = newTenant();
    }

    private String tokenFor(String subject, Map<String, Object> claims) {
        return issuer.mint(new TenantId(school), subject, Duration.ofMinutes(30), claims);
    }

    private static Map<String, Object> realmRoles(String... roles) {
        return Map.of("roles", List.of(roles));
    }

    private List<String> rolesOf(String subject) {
        return jdbc.queryForList("""
                        SELECT r.role FROM user_roles r JOIN users u USING (tenant_id, user_id)
                        WHERE u.tenant_id = ? AND u.subject = ? ORDER BY r.role""", String.class, school, subject);
    }

    private long audit(String action, String subjectLike) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE tenant_id = ? AND action = ? AND subject_id LIKE ?",
                Long.class,
                school,
                action,
                subjectLike);
    }

    private String userId(String subject) {
        return jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?", String.class, school, subject);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec postAs(String token) {
        return client().post()
                .uri("/sessions")
                .header(org.springframework.http.HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(scheduleBody("Not mine"))
                .exchange();
    }

    @Test
    void theTokensNamesReachTheRosterTheChatTheLiveKitTokenAndTheAuditLog() throws Exception {
        String teacher =
                tokenFor("teacher@" + school, Map.of("name", "Ada Lovelace", "email", "ada@" + school + ".example"));
        String student = tokenFor("student@" + school, Map.of("preferred_username", "sam.student"));
        String session = live.schedule(teacher, "Names");
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/CreateRoom"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitModels.Room.newBuilder()
                                .setName("lectern-" + school + "-" + session)
                                .build()
                                .toByteArray())));
        live.post(teacher, "/sessions/" + session + "/start", null);
        live.post(teacher, "/sessions/" + session + "/join", null);
        JsonNode join = live.post(student, "/sessions/" + session + "/join", null);

        DecodedJWT media = JWT.require(Algorithm.HMAC256(SECRET))
                .withIssuer("itkey")
                .build()
                .verify(join.get("token").asText());
        assertThat(media.getClaim("name").asString()).isEqualTo("sam.student");
        assertThat(media.getSubject()).isEqualTo(userId("student@" + school));

        live.post(student, "/sessions/" + session + "/chat", Map.of("text", "hello"));
        awaitProjected(jdbc, session);
        JsonNode state = live.get(teacher, "/sessions/" + session + "/state").getValue();
        assertThat(state.at("/roster/" + userId("teacher@" + school) + "/displayName")
                        .asText())
                .isEqualTo("Ada Lovelace");
        assertThat(state.at("/roster/" + userId("student@" + school) + "/displayName")
                        .asText())
                .isEqualTo("sam.student");
        assertThat(state.at("/chat/0/displayName").asText()).isEqualTo("sam.student");
        JsonNode studentView =
                live.get(student, "/sessions/" + session + "/state").getValue();
        assertThat(studentView
                        .at("/roster/" + userId("teacher@" + school) + "/displayName")
                        .asText())
                .isEqualTo("Ada Lovelace");
        JsonNode history = live.get(student, "/sessions/" + session + "/chat").getValue();
        assertThat(history.at("/messages/0/displayName").asText()).isEqualTo("sam.student");
        JsonNode joined = live.get(teacher, "/sessions/" + session + "/events").getValue();
        assertThat(joined.toString()).contains("\"displayName\":\"Ada Lovelace\"");

        // The record was refreshed from the claims, and the admin listing shows it.
        String admin = tokenFor("admin@" + school, Map.of("name", "Grace Hopper"));
        JsonNode users = live.get(admin, "/admin/users").getValue();
        assertThat(users.toString())
                .contains("\"displayName\":\"Ada Lovelace\"", "\"email\":\"ada@" + school + ".example\"")
                .contains("\"displayName\":\"sam.student\"");

        // The audit log names the actor next to the subject.
        live.send("PUT", admin, "/admin/users/" + userId("student@" + school) + "/roles/assistant", null);
        String auditor = token(school, Role.AUDITOR);
        JsonNode auditLog = live.get(auditor, "/audit?limit=200").getValue();
        assertThat(auditLog.toString())
                .contains("\"actorSubject\":\"admin@" + school + "\",\"actorDisplayName\":\"Grace Hopper\"");
    }

    @Test
    void aFirstSignInCreatesTheUserOnceWithTheMappedRolesAudited() {
        String subject = "new-teacher-" + UUID.randomUUID();
        String token = tokenFor(
                subject,
                Map.of(
                        "name", "Nina New",
                        "email", "nina@example.edu",
                        "realm_access", realmRoles("lectern-teacher", "offline_access", "admin")));

        String session = live.schedule(token, "My first class");

        assertThat(session).isNotBlank();
        assertThat(jdbc.queryForMap(
                        "SELECT display_name, email FROM users WHERE tenant_id = ? AND subject = ?", school, subject))
                .containsEntry("display_name", "Nina New")
                .containsEntry("email", "nina@example.edu");
        // "admin" is a value of the claim but not mapped: never admin unless the mapping says so.
        assertThat(rolesOf(subject)).containsExactly("teacher");
        String user = userId(subject);
        assertThat(audit("user.created", user)).isEqualTo(1);
        assertThat(audit("role.granted", user + "/teacher")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT actor_display_name FROM audit_log WHERE tenant_id = ? AND action = 'user.created' "
                                + "AND subject_id = ?",
                        String.class,
                        school,
                        user))
                .isEqualTo("Nina New");

        // Later sign-ins change nothing while nothing changed.
        live.get(token, "/admin/users");
        assertThat(audit("user.created", user)).isEqualTo(1);
        assertThat(audit("role.granted", user + "/%")).isEqualTo(1);
    }

    @Test
    void concurrentFirstRequestsCreateOneUser() throws Exception {
        String subject = "rush-" + UUID.randomUUID();
        String token = tokenFor(subject, Map.of("name", "Rush Hour", "realm_access", realmRoles("lectern-student")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> live.get(token, "/admin/users").getKey());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).allMatch(s -> s < 500);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM users WHERE tenant_id = ? AND subject = ?", Long.class, school, subject))
                .isEqualTo(1);
        String user = userId(subject);
        assertThat(audit("user.created", user)).isEqualTo(1);
        assertThat(audit("role.granted", user + "/student")).isEqualTo(1);
        assertThat(rolesOf(subject)).containsExactly("student");
    }

    @Test
    void theRoleClaimReSyncsWhatItGrantedAndKeepsWhatAnAdminGranted() {
        String subject = "mover-" + UUID.randomUUID();
        live.get(tokenFor(subject, Map.of("realm_access", realmRoles("lectern-teacher"))), "/admin/users");
        String user = userId(subject);
        // An admin grants a role by hand: the claim never takes it back.
        live.send("PUT", token(school, Role.ADMIN), "/admin/users/" + user + "/roles/auditor", null);
        assertThat(rolesOf(subject)).containsExactly("auditor", "teacher");

        // The IdP now says student: teacher (granted by the claim) goes, student comes, auditor stays.
        String moved = tokenFor(subject, Map.of("realm_access", realmRoles("lectern-student")));
        assertThat(live.get(moved, "/audit?limit=1").getKey()).isEqualTo(200);
        assertThat(rolesOf(subject)).containsExactly("auditor", "student");
        assertThat(audit("role.revoked", user + "/teacher")).isEqualTo(1);
        assertThat(audit("role.granted", user + "/student")).isEqualTo(1);

        // A token without the claim at all (another client, no role mapper) leaves the roles alone.
        live.get(tokenFor(subject, Map.of()), "/admin/users");
        assertThat(rolesOf(subject)).containsExactly("auditor", "student");
        // A revoked claim role stops working at once: this request already ran without teacher.
        postAs(moved).expectStatus().isForbidden();
    }

    @Test
    void badClaimsNeverGiveA500() {
        Map<String, Object> nul = Map.of("name", "Bob\u0000Tables", "email", "bob\u0000@example.edu");
        String longName = "x".repeat(10_000);
        List<Map<String, Object>> bad = List.of(
                nul,
                Map.of("name", longName),
                Map.of("name", 42, "email", List.of("a@b.c")),
                Map.of("name", Map.of("first", "Ann"), "preferred_username", List.of("ann")),
                Map.of("name", "\u0085\u0001  ", "realm_access", Map.of("roles", "lectern-teacher")),
                Map.of("name", "ok", "realm_access", Map.of("roles", 7)),
                Map.of("name", "\uD800 lone surrogate"));
        int i = 0;
        for (Map<String, Object> claims : bad) {
            String subject = "bad-" + i++ + "-" + UUID.randomUUID();
            int status = live.get(tokenFor(subject, claims), "/admin/users").getKey();
            assertThat(status).as("claims %s", claims.keySet()).isLessThan(500);
        }
        String nulName = jdbc.queryForObject(
                "SELECT display_name FROM users WHERE tenant_id = ? AND subject LIKE 'bad-0-%'", String.class, school);
        assertThat(nulName).isEqualTo("Bob Tables");
        assertThat(jdbc.queryForObject(
                        "SELECT email FROM users WHERE tenant_id = ? AND subject LIKE 'bad-0-%'", String.class, school))
                .isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT length(display_name) FROM users WHERE tenant_id = ? AND subject LIKE 'bad-1-%'",
                        Integer.class, school))
                .isEqualTo(200);
        // A name that is not a string falls back to the subject; a role claim that is one string still maps.
        assertThat(rolesOf(jdbc.queryForObject(
                        "SELECT subject FROM users WHERE tenant_id = ? AND subject LIKE 'bad-4-%'",
                        String.class, school)))
                .containsExactly("teacher");

        // A subject no database can store: refused as a bad token (401), not a 500.
        Map<String, Object> none = new HashMap<>();
        int nulSubject =
                live.get(tokenFor("evil\u0000sub", none), "/admin/users").getKey();
        assertThat(nulSubject).isEqualTo(401);
    }

    @Test
    void jitNeverCreatesAUserInATenantThatDoesNotExist() {
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String token = issuer.mint(
                new TenantId(ghost),
                "teacher@" + ghost,
                Duration.ofMinutes(5),
                Map.of("realm_access", realmRoles("lectern-teacher")));

        assertThat(live.get(token, "/admin/users").getKey()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE tenant_id = ?", Long.class, ghost))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tenants WHERE tenant_id = ?", Long.class, ghost))
                .isZero();
    }
}
