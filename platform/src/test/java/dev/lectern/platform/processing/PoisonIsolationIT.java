package dev.lectern.platform.processing;

import static dev.lectern.platform.live.LiveClassSupport.awaitProjected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.attendance.ParticipantLeftEvent;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/**
 * One poisoned event, or one failing handler, parks its own class only (Axon's dead-letter queue,
 * sequenced per class) while every other class goes on; the parked class is visible (operator endpoints,
 * health details, gauges) and can be retried or evicted. docs/adr/0012-poison-isolation-dead-letters.md.
 */
class PoisonIsolationIT extends PlatformIT {

    private static final String LIVE = "live-state";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    EventStore eventStore;

    @Autowired
    MeterRegistry meters;

    private LiveClassSupport live;
    private String school;
    private String teacher;
    private String student;
    private String studentId;
    private String operator;

    @BeforeEach
    void aSchoolAndAnOperator() {
        live = new LiveClassSupport(port, json);
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        student = token(school, Role.STUDENT);
        studentId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
        directory.ensureTenant(new TenantId("ops"), "Platform operations");
        operator = "Bearer " + issuer.mint(new TenantId("ops"), "operator@ops", Duration.ofMinutes(10));
    }

    private String liveClass(String title) {
        String session = live.schedule(teacher, title);
        live.post(teacher, "/sessions/" + session + "/start", null);
        live.post(student, "/sessions/" + session + "/join", null);
        awaitProjected(jdbc, session);
        return session;
    }

    private void append(Object... events) {
        eventStore.publish(java.util.Arrays.stream(events)
                .map(GenericEventMessage::asEventMessage)
                .toList());
    }

    private ChatMessagePostedEvent chat(String session, String text) {
        return new ChatMessagePostedEvent(
                new SessionId(UUID.fromString(session)),
                new TenantId(school),
                MessageId.random(),
                new UserId(UUID.fromString(studentId)),
                "student",
                text,
                Instant.now());
    }

    private long livePosition(String session) {
        return jdbc.queryForObject(
                "SELECT last_event_position FROM live_state WHERE session_id = ?::uuid", Long.class, session);
    }

    private long head(String session) {
        return jdbc.queryForObject(
                "SELECT max(global_index) FROM session_state_events WHERE session_id = ?::uuid", Long.class, session);
    }

    private String sequence(String session) {
        return school + ":" + session;
    }

    private long parked(String group, String session) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?",
                Long.class,
                group,
                sequence(session));
    }

    private WebTestClient.ResponseSpec operatorCall(String method, String path, String key) {
        WebTestClient.RequestBodySpec request = client().method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, operator);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.exchange();
    }

    private JsonNode body(WebTestClient.ResponseSpec response) {
        return live.read(new String(response.expectBody().returnResult().getResponseBody()));
    }

    @Test
    void aNulInAChatMessageParksOnlyItsClassAndTheOthersKeepMovingWithinASecond() {
        String poisoned = liveClass("Poisoned");
        String healthy = liveClass("Healthy");
        long lastGood = livePosition(poisoned);
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        Disposable stream = live.stream(teacher, healthy, null).subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());

            // Through Axon directly: the HTTP edge refuses NUL, but nothing that reaches the log may stop the others.
            append(chat(poisoned, "hi\u0000there"));
            long poison = head(poisoned);
            live.post(student, "/sessions/" + poisoned + "/chat", Map.of("text", "parked behind it"));
            long started = System.nanoTime();
            live.post(student, "/sessions/" + healthy + "/chat", Map.of("text", "still moving"));

            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> received.stream()
                            .anyMatch(e ->
                                    "chat.posted".equals(e.event()) && e.data().contains("still moving")));
            JsonNode healthyState =
                    live.get(teacher, "/sessions/" + healthy + "/state").getValue();
            assertThat(healthyState.get("chat").toString()).contains("still moving");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

            // The poisoned class stops at its last good event; its later events wait behind the poison.
            await().atMost(Duration.ofSeconds(10)).until(() -> parked(LIVE, poisoned) == 2);
            assertThat(livePosition(poisoned)).isEqualTo(lastGood);
            assertThat(live.get(teacher, "/sessions/" + poisoned + "/state")
                            .getValue()
                            .get("position")
                            .asLong())
                    .isEqualTo(lastGood);

            JsonNode group = body(operatorCall("GET", "/operator/dead-letters/" + LIVE, null)
                    .expectStatus()
                    .isOk());
            JsonNode listed = null;
            for (JsonNode s : group.get("sequences")) {
                if (sequence(poisoned).equals(s.get("sequenceId").asText())) {
                    listed = s;
                }
            }
            assertThat(listed).as("the parked class is listed").isNotNull();
            assertThat(listed.get("tenantId").asText()).isEqualTo(school);
            assertThat(listed.get("sessionId").asText()).isEqualTo(poisoned);
            assertThat(listed.get("letters").asLong()).isEqualTo(2);
            assertThat(listed.get("first").get("position").asLong()).isEqualTo(poison);
            assertThat(listed.get("first").get("eventName").asText()).isEqualTo("chat.posted");
            assertThat(listed.get("first").get("occurredAt").asText()).isNotBlank();
            assertThat(listed.get("causeType").asText()).endsWith("UnstorableEventException");
            assertThat(listed.get("causeMessage").asText())
                    .contains("/text")
                    .contains("U+0000")
                    .doesNotContain("there");
            assertThat(listed.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(parked("sessions", poisoned))
                    .as("the sessions view does not handle chat")
                    .isZero();

            // Visible without the operator API: a gauge and a health detail that stays UP, outside readiness.
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(meters.get("lectern.dead.letters.sequences")
                                    .tag("group", LIVE)
                                    .gauge()
                                    .value())
                            .isGreaterThanOrEqualTo(1));
            assertThat(meters.get("lectern.projection.lag")
                            .tag("group", LIVE)
                            .gauge()
                            .value())
                    .isGreaterThanOrEqualTo(0);
            JsonNode health = body(client().get()
                    .uri("/actuator/health/projections")
                    .exchange()
                    .expectStatus()
                    .isOk());
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.toString()).contains("parkedSequences");
            JsonNode liveGroup = health.findValue("groups").get(LIVE);
            assertThat(liveGroup.get("parkedSequences").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(liveGroup.has("lag")).isTrue();
            client().get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
            client().get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.components.eventProcessing")
                    .doesNotExist();
            JsonNode status = body(operatorCall("GET", "/operator/projections/" + LIVE, null)
                    .expectStatus()
                    .isOk());
            assertThat(status.get("parkedSequences").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(status.has("lag")).isTrue();
            assertThat(status.has("lastEventAt")).isTrue();

            // Retry: the content still cannot be stored, so it stays parked (and the attempt counts).
            String retryKey = newKey();
            JsonNode retried = body(operatorCall(
                            "POST", "/operator/dead-letters/" + LIVE + "/" + sequence(poisoned) + "/retry", retryKey)
                    .expectStatus()
                    .isOk());
            assertThat(retried.get("outcome").asText()).isEqualTo("still-parked");
            assertThat(retried.get("remainingLetters").asLong()).isEqualTo(2);
            operatorCall("POST", "/operator/dead-letters/" + LIVE + "/" + sequence(poisoned) + "/retry", retryKey)
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("Idempotent-Replayed", "true");
            operatorCall("POST", "/operator/dead-letters/" + LIVE + "/" + sequence(poisoned) + "/retry", null)
                    .expectStatus()
                    .isBadRequest();
            operatorCall("POST", "/operator/dead-letters/no-such-group/" + sequence(poisoned) + "/retry", newKey())
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType("application/problem+json");
            operatorCall(
                            "POST",
                            "/operator/dead-letters/" + LIVE + "/" + school + ":" + UUID.randomUUID() + "/retry",
                            newKey())
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType("application/problem+json");
            client().get()
                    .uri("/operator/dead-letters")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(school, Role.ADMIN))
                    .exchange()
                    .expectStatus()
                    .isForbidden();

            // Evict: the poison and what waited behind it are dropped; the class moves on with its next event.
            JsonNode evicted =
                    body(operatorCall("DELETE", "/operator/dead-letters/" + LIVE + "/" + sequence(poisoned), newKey())
                            .expectStatus()
                            .isOk());
            assertThat(evicted.get("remainingLetters").asLong()).isEqualTo(2);
            assertThat(parked(LIVE, poisoned)).isZero();
            operatorCall("DELETE", "/operator/dead-letters/" + LIVE + "/" + sequence(poisoned), newKey())
                    .expectStatus()
                    .isNotFound();
            live.post(student, "/sessions/" + poisoned + "/chat", Map.of("text", "back again"));
            awaitProjected(jdbc, poisoned);
            assertThat(live.get(teacher, "/sessions/" + poisoned + "/state")
                            .getValue()
                            .get("chat")
                            .toString())
                    .contains("back again")
                    .doesNotContain("parked behind it");
        } finally {
            stream.dispose();
        }
    }

    @Test
    void aHandlerFailureInAnyProcessingGroupParksOneClassUntilARetrySucceeds() {
        String failing = liveClass("Failing");
        String other = liveClass("Other");
        FailingProbeHandler.failing = true;
        try {
            live.post(student, "/sessions/" + failing + "/chat", Map.of("text", FailingProbeHandler.FAIL + " now"));
            live.post(student, "/sessions/" + failing + "/chat", Map.of("text", "after the failure"));
            live.post(student, "/sessions/" + other + "/chat", Map.of("text", "unaffected"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> FailingProbeHandler.handled
                            .getOrDefault(UUID.fromString(other), List.of())
                            .contains("unaffected"));
            await().atMost(Duration.ofSeconds(10)).until(() -> parked(FailingProbeHandler.GROUP, failing) == 2);
            assertThat(FailingProbeHandler.handled.getOrDefault(UUID.fromString(failing), List.of()))
                    .isEmpty();
            awaitProjected(jdbc, failing);
            assertThat(parked(LIVE, failing))
                    .as("other groups are not affected")
                    .isZero();
            JsonNode group = body(operatorCall("GET", "/operator/dead-letters/" + FailingProbeHandler.GROUP, null)
                    .expectStatus()
                    .isOk());
            assertThat(group.toString())
                    .contains(sequence(failing))
                    .contains("IllegalStateException")
                    .doesNotContain(sequence(other));

            // The cause is gone: a retry processes the parked class in order and it leaves the queue.
            FailingProbeHandler.failing = false;
            JsonNode retried = body(operatorCall(
                            "POST",
                            "/operator/dead-letters/" + FailingProbeHandler.GROUP + "/" + sequence(failing) + "/retry",
                            newKey())
                    .expectStatus()
                    .isOk());
            if (!"processed".equals(retried.get("outcome").asText())) {
                // The background retry may have held the claim at that moment; it processes the sequence itself.
                await().atMost(Duration.ofSeconds(10)).until(() -> parked(FailingProbeHandler.GROUP, failing) == 0);
            }
            assertThat(parked(FailingProbeHandler.GROUP, failing)).isZero();
            assertThat(FailingProbeHandler.handled.get(UUID.fromString(failing)))
                    .containsExactly(FailingProbeHandler.FAIL + " now", "after the failure");
        } finally {
            FailingProbeHandler.failing = false;
        }
    }

    @Test
    void aStatementPostgresRefusesInAHandlerParksOnlyItsClassInsteadOfAbortingTheBatch() {
        String failing = liveClass("Failing statement");
        String other = liveClass("Other");
        FailingProbeHandler.failing = true;
        try {
            live.post(
                    student,
                    "/sessions/" + failing + "/chat",
                    Map.of("text", FailingProbeHandler.FAIL_IN_SQL + " now"));
            live.post(student, "/sessions/" + other + "/chat", Map.of("text", "unaffected by the statement"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> FailingProbeHandler.handled
                            .getOrDefault(UUID.fromString(other), List.of())
                            .contains("unaffected by the statement"));
            await().atMost(Duration.ofSeconds(10)).until(() -> parked(FailingProbeHandler.GROUP, failing) == 1);
            JsonNode group = body(operatorCall("GET", "/operator/dead-letters/" + FailingProbeHandler.GROUP, null)
                    .expectStatus()
                    .isOk());
            assertThat(group.toString()).contains(sequence(failing)).contains("org.springframework.");
        } finally {
            FailingProbeHandler.failing = false;
        }
    }

    @Test
    void aFoldThatThrowsHalfWayLeavesTheClassAsItWasAndParksIt() {
        String broken = liveClass("Broken fold");
        String other = liveClass("Other");
        UUID phantom = UUID.randomUUID();
        SessionId id = new SessionId(UUID.fromString(broken));
        // One commit, so one batch: a good event, then one whose fold adds a participant before it throws.
        append(
                new ParticipantLeftEvent(
                        id, new TenantId(school), new UserId(UUID.fromString(studentId)), Instant.now()),
                new SessionPermissionGrantedEvent(
                        id, new TenantId(school), new UserId(phantom), null, "test", null, Instant.now()));
        long good = head(broken) - 1;
        live.post(student, "/sessions/" + other + "/chat", Map.of("text", "unaffected"));
        awaitProjected(jdbc, other);

        await().atMost(Duration.ofSeconds(10)).until(() -> parked(LIVE, broken) == 1);
        assertThat(livePosition(broken))
                .as("the good event of the batch is kept")
                .isEqualTo(good);
        String row = jdbc.queryForObject(
                "SELECT state::text FROM live_state WHERE session_id = ?::uuid", String.class, broken);
        assertThat(row).doesNotContain(phantom.toString());
        assertThat(live.read(row).get("roster").get(studentId).get("present").asBoolean())
                .isFalse();
    }
}
