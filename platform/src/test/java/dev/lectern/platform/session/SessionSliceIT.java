package dev.lectern.platform.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** The foundation slice end to end over HTTP: schedule, read model, raw log, idempotency. */
class SessionSliceIT extends PlatformIT {

    @Autowired
    ObjectMapper json;

    @Test
    void schedulingAClassAppendsOneEventThatTheReadModelAndTheRawLogShow() throws IOException {
        String tenant = newTenant();
        EntityExchangeResult<byte[]> created = postSession(tenant, newKey(), scheduleBody("Algebra 1"))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "false")
                .expectBody()
                .returnResult();
        JsonNode body = json.readTree(created.getResponseBody());
        String sessionId = body.get("sessionId").asText();
        assertThat(created.getResponseHeaders().getLocation()).hasToString("/sessions/" + sessionId);
        assertThat(body.get("status").asText()).isEqualTo("scheduled");

        JsonNode log = getJson("/sessions/" + sessionId + "/events", tenant, HttpStatus.OK);
        assertThat(log.get("events")).hasSize(1);
        JsonNode event = log.get("events").get(0);
        assertThat(event.get("name").asText()).isEqualTo("session.scheduled");
        assertThat(event.get("aggregateType").asText()).isEqualTo("Session");
        assertThat(event.get("sequence").asLong()).isZero();
        assertThat(event.get("payloadRevision").asText()).isEqualTo("3");
        assertThat(event.get("payload").get("title").asText()).isEqualTo("Algebra 1");
        assertThat(event.get("payload").get("tenantId").asText()).isEqualTo(tenant);
        assertThat(event.get("metadata").get("requestId").asText())
                .isEqualTo(created.getResponseHeaders().getFirst("X-Request-Id"));
        long position = event.get("position").asLong();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode view = getJson("/sessions/" + sessionId, tenant, HttpStatus.OK);
            assertThat(view.get("title").asText()).isEqualTo("Algebra 1");
            assertThat(view.get("durationMinutes").asInt()).isEqualTo(45);
            assertThat(view.get("recordingEnabled").asBoolean()).isTrue();
            assertThat(view.get("lastEventPosition").asLong()).isEqualTo(position);
        });
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameResponseAndAppendsNothing() {
        String tenant = newTenant();
        String key = newKey();
        String body = scheduleBody("Biology");
        byte[] first = postSession(tenant, key, body)
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody();
        long events = eventCount();

        // Same request, re-serialised with other whitespace: still the same request.
        EntityExchangeResult<byte[]> retry = postSession(tenant, key, body.replace(",", ", "))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody()
                .returnResult();

        assertThat(retry.getResponseBody()).isEqualTo(first);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRejectedAndAppendsNothing() throws IOException {
        String tenant = newTenant();
        String key = newKey();
        postSession(tenant, key, scheduleBody("Chemistry")).expectStatus().isCreated();
        long events = eventCount();

        JsonNode problem = problem(postSession(tenant, key, scheduleBody("Physics")), 422);

        assertThat(problem.get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void keysAreScopedByTenant() throws IOException {
        String key = newKey();
        String body = scheduleBody("Drama");
        JsonNode a = json.readTree(postSession(newTenant(), key, body)
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody());
        JsonNode b = json.readTree(postSession(newTenant(), key, body)
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody());
        assertThat(a.get("sessionId")).isNotEqualTo(b.get("sessionId"));
    }

    @Test
    void concurrentRetriesOfOneRequestScheduleOneClass() throws Exception {
        String tenant = newTenant();
        String key = newKey();
        String body = scheduleBody("History");
        long before = eventCount();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> attempts = java.util.stream.IntStream.range(0, 8)
                    .<Callable<String>>mapToObj(i -> () -> json.readTree(postSession(tenant, key, body)
                                    .expectStatus()
                                    .isCreated()
                                    .expectBody()
                                    .returnResult()
                                    .getResponseBody())
                            .get("sessionId")
                            .asText())
                    .toList();
            List<String> ids = pool.invokeAll(attempts).stream()
                    .map(TestFutures::join)
                    .distinct()
                    .toList();
            assertThat(ids).hasSize(1);
            assertThat(eventCount()).isEqualTo(before + 1);
            assertThat(eventCount(UUID.fromString(ids.get(0)))).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedCommandLeavesTheKeyFreeAndAppendsNothing() throws IOException {
        String tenant = newTenant();
        String key = newKey();
        long before = eventCount();
        String pastBody = "{\"title\":\"Too late\",\"startsAt\":\"2020-01-01T09:00:00Z\",\"durationMinutes\":30}";

        JsonNode problem = problem(postSession(tenant, key, pastBody), 409);
        assertThat(problem.get("code").asText()).isEqualTo("SESSION_STARTS_IN_PAST");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE tenant_id = ?", Long.class, tenant))
                .isZero();

        // The corrected request may reuse the key: nothing was recorded for it.
        postSession(tenant, key, scheduleBody("On time")).expectStatus().isCreated();
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void badInputGetsProblemJsonAndChangesNothing() throws IOException {
        String tenant = newTenant();
        long before = eventCount();
        Map<String, String> bodies = Map.of(
                "{\"title\":",
                "MALFORMED_REQUEST",
                "{}",
                "VALIDATION_FAILED",
                "[1,2]",
                "MALFORMED_REQUEST",
                "{\"title\":\"X\",\"startsAt\":\"tomorrow\",\"durationMinutes\":45}",
                "VALIDATION_FAILED",
                "{\"title\":\"X\",\"startsAt\":\"2030-01-01T09:00:00Z\",\"durationMinutes\":\"lots\"}",
                "VALIDATION_FAILED",
                "{\"title\":\"X\",\"startsAt\":\"2030-01-01T09:00:00Z\",\"durationMinutes\":0}",
                "VALIDATION_FAILED",
                "{\"title\":\"" + "x".repeat(201) + "\",\"startsAt\":\"2030-01-01T09:00:00Z\",\"durationMinutes\":5}",
                "VALIDATION_FAILED",
                "{\"title\":\"bell\\u0007\",\"startsAt\":\"2030-01-01T09:00:00Z\",\"durationMinutes\":5}",
                "VALIDATION_FAILED");
        for (Map.Entry<String, String> bad : bodies.entrySet()) {
            JsonNode problem = problem(postSession(tenant, newKey(), bad.getKey()), 400);
            assertThat(problem.get("code").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
        }

        JsonNode wrongType = problem(
                postSession(tenant, newKey(), "{\"title\":\"X\",\"startsAt\":\"tomorrow\",\"durationMinutes\":45}"),
                400);
        assertThat(wrongType.get("errors").get(0).get("pointer").asText()).isEqualTo("#/startsAt");
        JsonNode missing = problem(postSession(tenant, newKey(), "{\"title\":\"X\"}"), 400);
        assertThat(missing.get("errors"))
                .extracting(e -> e.get("pointer").asText())
                .containsExactlyInAnyOrder("#/startsAt", "#/durationMinutes");

        assertThat(problem(postSession(null, newKey(), scheduleBody("X")), 401)
                        .get("code")
                        .asText())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(problem(postSession(tenant, null, scheduleBody("X")), 400)
                        .get("code")
                        .asText())
                .isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        assertThat(problem(
                                client().post()
                                        .uri("/sessions")
                                        .contentType(MediaType.TEXT_PLAIN)
                                        .header(HttpHeaders.AUTHORIZATION, bearer(tenant))
                                        .header("Idempotency-Key", newKey())
                                        .bodyValue("x")
                                        .exchange(),
                                415)
                        .get("code")
                        .asText())
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(problem(
                                client().delete()
                                        .uri("/sessions")
                                        .header(HttpHeaders.AUTHORIZATION, bearer(tenant))
                                        .exchange(),
                                405)
                        .get("code")
                        .asText())
                .isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(problem(
                                client().get()
                                        .uri("/no-such-thing")
                                        .header(HttpHeaders.AUTHORIZATION, bearer(tenant))
                                        .exchange(),
                                404)
                        .get("code")
                        .asText())
                .isEqualTo("NOT_FOUND");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void unknownForeignAndMalformedSessionIdsAreClearErrors() throws IOException {
        String tenant = newTenant();
        String sessionId = json.readTree(postSession(tenant, newKey(), scheduleBody("Geography"))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("sessionId")
                .asText();
        String unknown = UUID.randomUUID().toString();

        assertThat(problemGet("/sessions/" + unknown, tenant, 404).get("code").asText())
                .isEqualTo("SESSION_NOT_FOUND");
        assertThat(problemGet("/sessions/" + unknown + "/events", tenant, 404)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_NOT_FOUND");
        // Another tenant cannot see that the class exists.
        assertThat(problemGet("/sessions/" + sessionId, newTenant(), 404)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_NOT_FOUND");
        assertThat(problemGet("/sessions/" + sessionId + "/events", newTenant(), 404)
                        .get("code")
                        .asText())
                .isEqualTo("SESSION_NOT_FOUND");
        assertThat(problemGet("/sessions/not-a-uuid", tenant, 400).get("code").asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(problemGet("/sessions/" + sessionId + "/events?limit=0", tenant, 400)
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(problemGet("/sessions/" + sessionId + "/events?after=-1", tenant, 400)
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
    }

    private JsonNode getJson(String path, String tenant, HttpStatus status) throws IOException {
        byte[] bytes = client().get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(tenant))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody();
        return json.readTree(bytes);
    }

    private JsonNode problemGet(String path, String tenant, int status) throws IOException {
        return problem(
                client().get()
                        .uri(path)
                        .header(HttpHeaders.AUTHORIZATION, bearer(tenant))
                        .exchange(),
                status);
    }

    /** Asserts an RFC 9457 problem document with no internals in it. */
    private JsonNode problem(
            org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response, int status)
            throws IOException {
        byte[] bytes = response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.lectern");
        JsonNode problem = json.readTree(bytes);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("https://lectern.dev/problems/");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("requestId").asText()).isNotBlank();
        return problem;
    }

    /** Future.get without checked exceptions, for streams. */
    static final class TestFutures {
        static <T> T join(Future<T> future) {
            try {
                return future.get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
