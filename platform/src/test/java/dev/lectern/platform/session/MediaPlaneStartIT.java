package dev.lectern.platform.session;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.protobuf.util.JsonFormat;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import livekit.LivekitEgress;
import livekit.LivekitModels;
import livekit.LivekitRoom;
import livekit.LivekitWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Going live with the media plane on (LiveKit faked at the wire): the kill switch holds (a 5xx or a
 * timeout leaves no session.started) and a join returns a LiveKit URL and a token with the role's grants.
 */
// Its own application context (dynamic properties): closed after the class, so that it does not keep the
// processors' segment claims from the shared context of the other integration tests.
@DirtiesContext
class MediaPlaneStartIT extends PlatformIT {

    private static final String SECRET = "it-secret-it-secret-it-secret-it-secret";
    private static final WireMockServer LIVEKIT =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        LIVEKIT.start();
    }

    @DynamicPropertySource
    static void livekit(DynamicPropertyRegistry registry) {
        registry.add("lectern.livekit.url", () -> "http://localhost:" + LIVEKIT.port());
        registry.add("lectern.livekit.api-key", () -> "itkey");
        registry.add("lectern.livekit.api-secret", () -> SECRET);
    }

    @AfterAll
    static void stopLiveKit() {
        LIVEKIT.stop();
    }

    @Autowired
    ObjectMapper json;

    private String school;
    private String teacher;
    private String session;

    @BeforeEach
    void aScheduledClass() throws IOException {
        LIVEKIT.resetAll();
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.Egress/StartRoomCompositeEgress"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitEgress.EgressInfo.newBuilder()
                                .setEgressId("EG_it")
                                .build()
                                .toByteArray())));
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        session = json.readTree(postSession(school, newKey(), scheduleBody("Media class"))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("sessionId")
                .asText();
    }

    @Test
    void whenLiveKitFailsTheClassDoesNotStartAndNothingIsAppended() throws IOException {
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/CreateRoom"))
                .willReturn(aResponse().withStatus(503)));

        JsonNode problem = json.readTree(start().expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .returnResult()
                .getResponseBody());

        assertThat(problem.get("code").asText()).isEqualTo("DEPENDENCY_UNAVAILABLE");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                                + "AND event_name = 'session.started'",
                        Long.class,
                        session))
                .isZero();
    }

    @Test
    void whenLiveKitAllocatesTheRoomJoinersGetTokensWithTheirGrants() throws IOException {
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/CreateRoom"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitModels.Room.newBuilder()
                                .setName("lectern-" + school + "-" + session)
                                .build()
                                .toByteArray())));

        start().expectStatus().isOk().expectBody().returnResult();
        JsonNode join = json.readTree(client().post()
                .uri("/sessions/" + session + "/join")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(school, Role.STUDENT))
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());

        assertThat(join.get("media").asText()).isEqualTo("on");
        assertThat(join.get("livekitUrl").asText()).isEqualTo("ws://localhost:" + LIVEKIT.port());
        Map<String, Object> video = JWT.require(Algorithm.HMAC256(SECRET))
                .withIssuer("itkey")
                .build()
                .verify(join.get("token").asText())
                .getClaim("video")
                .asMap();
        assertThat(video)
                .containsEntry("room", "lectern-" + school + "-" + session)
                .containsEntry("canPublish", false)
                .containsEntry("canSubscribe", true)
                .containsEntry("roomAdmin", false);
        assertThat(join.toString()).doesNotContain(SECRET);
    }

    @Test
    void signedWebhooksBecomeEventsOnceAndForgedOnesChangeNothing() throws Exception {
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/CreateRoom"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitModels.Room.newBuilder()
                                .setName(room())
                                .build()
                                .toByteArray())));
        start().expectStatus().isOk().expectBody().returnResult();
        String studentId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
        client().post()
                .uri("/sessions/" + session + "/join")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(school, Role.STUDENT))
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        String left = webhook("EV_left_" + session, "participant_left", studentId);
        long before = eventCount();

        // Forged: signed with another secret; tampered: a valid signature for another body; unsigned.
        webhookCall(left, sign(left, "not-the-secret-not-the-secret-not-the"))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED");
        webhookCall(left.replace("participant_left", "participant_joined"), sign(left, SECRET))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .returnResult();
        webhookCall(left, null).expectStatus().isUnauthorized().expectBody().returnResult();
        assertThat(eventCount()).isEqualTo(before);

        webhookCall(left, sign(left, SECRET))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("accepted");
        webhookCall(left, sign(left, SECRET))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("duplicate");
        String finished = webhook("EV_finished_" + session, "room_finished", null);
        webhookCall(finished, sign(finished, SECRET))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("accepted");
        String recorded = JsonFormat.printer()
                .print(LivekitWebhook.WebhookEvent.newBuilder()
                        .setId("EV_egress_" + session)
                        .setEvent("egress_ended")
                        .setEgressInfo(LivekitEgress.EgressInfo.newBuilder()
                                .setEgressId("EG_it")
                                .setRoomName(room())
                                .setStatus(LivekitEgress.EgressStatus.EGRESS_COMPLETE)
                                .addFileResults(LivekitEgress.FileInfo.newBuilder()
                                        .setLocation("s3://lectern-artifacts/rec.mp4")
                                        .setSize(4096)
                                        .setDuration(60_000_000_000L)))
                        .build());
        webhookCall(recorded, sign(recorded, SECRET))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("accepted");

        assertThat(jdbc.queryForList(
                        "SELECT event_name FROM session_state_events WHERE session_id = ?::uuid ORDER BY global_index",
                        String.class,
                        session))
                .containsExactly(
                        "session.scheduled",
                        "session.started",
                        "participant.joined",
                        "participant.left",
                        "session.ended",
                        "recording.finalized");
        assertThat(jdbc.queryForObject(
                        "SELECT payload->>'location' FROM session_state_events_readable "
                                + "WHERE session_id = ?::uuid AND event_name = 'recording.finalized'",
                        String.class,
                        session))
                .isEqualTo("s3://lectern-artifacts/rec.mp4");
        assertThat(jdbc.queryForObject(
                        "SELECT payload->>'recordingId' FROM session_state_events_readable "
                                + "WHERE session_id = ?::uuid AND event_name = 'session.started'",
                        String.class,
                        session))
                .isEqualTo("EG_it");
    }

    @Test
    void aRecorderThatCannotBeArmedLeavesNoRoomBehind() throws IOException {
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/CreateRoom"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitModels.Room.newBuilder()
                                .setName(room())
                                .build()
                                .toByteArray())));
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.Egress/StartRoomCompositeEgress"))
                .willReturn(aResponse().withStatus(503)));
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/DeleteRoom"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitRoom.DeleteRoomResponse.getDefaultInstance()
                                .toByteArray())));

        JsonNode problem = json.readTree(start().expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .returnResult()
                .getResponseBody());

        assertThat(problem.get("code").asText()).isEqualTo("DEPENDENCY_UNAVAILABLE");
        assertThat(problem.get("detail").asText()).contains("recorder");
        List<LoggedRequest> deletions =
                LIVEKIT.findAll(postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/DeleteRoom")));
        assertThat(deletions).hasSize(1);
        assertThat(LivekitRoom.DeleteRoomRequest.parseFrom(deletions.get(0).getBody())
                        .getRoom())
                .isEqualTo(room());
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                                + "AND event_name = 'session.started'",
                        Long.class,
                        session))
                .isZero();
    }

    @Test
    void webhooksForUnknownOrForeignClassesAreIgnoredNotFailed() throws Exception {
        String otherSchool = newTenant();
        String theirs = json.readTree(postSession(otherSchool, newKey(), scheduleBody("Their class"))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("sessionId")
                .asText();
        long before = eventCount();

        for (String room : List.of(
                "lectern-" + school + "-" + UUID.randomUUID(),
                "lectern-" + school + "-" + theirs,
                "lectern-no-such-school-" + session,
                "someone-elses-room")) {
            String finished = JsonFormat.printer()
                    .print(LivekitWebhook.WebhookEvent.newBuilder()
                            .setId("EV_" + UUID.randomUUID())
                            .setEvent("room_finished")
                            .setRoom(LivekitModels.Room.newBuilder().setName(room))
                            .build());
            webhookCall(finished, sign(finished, SECRET))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("ignored");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void eventsCausedByWebhooksAndReconciliationSayWhatCausedThem() throws Exception {
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/CreateRoom"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitModels.Room.newBuilder()
                                .setName(room())
                                .build()
                                .toByteArray())));
        start().expectStatus().isOk().expectBody().returnResult();
        String studentId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
        client().post()
                .uri("/sessions/" + session + "/join")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(school, Role.STUDENT))
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        String left = webhook("EV_cause_" + session, "participant_left", studentId);
        webhookCall(left, sign(left, SECRET))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("accepted");

        // LiveKit sees the student in the room again; the saga's next reconciliation records them as joined.
        LIVEKIT.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/ListParticipants"))
                .withRequestBody(binaryEqualTo(LivekitRoom.ListParticipantsRequest.newBuilder()
                        .setRoom(room())
                        .build()
                        .toByteArray()))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitRoom.ListParticipantsResponse.newBuilder()
                                .addParticipants(LivekitModels.ParticipantInfo.newBuilder()
                                        .setIdentity(studentId))
                                .build()
                                .toByteArray())));
        // The saga schedules its reconciliation once its processor has seen session.started, which may be a moment
        // after the start answered: pull every future task forward until the reconciliation has run.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            jdbc.update(
                    "UPDATE scheduled_tasks SET execution_time = now() WHERE execution_time > now() AND NOT picked");
            return metaData("participant.joined").size() == 2;
        });

        Map<String, Object> started = metaData("session.started").get(0);
        assertThat(started)
                .containsEntry("source", "http")
                .containsEntry("actor", "teacher@" + school)
                .containsKeys("requestId", "idempotencyKey");
        assertThat(metaData("participant.left").get(0))
                .containsEntry("source", "livekit-webhook")
                .containsEntry("deliveryId", "EV_cause_" + session)
                .containsEntry("deliveryEvent", "participant_left")
                .doesNotContainKeys("actor", "requestId");
        assertThat(metaData("participant.joined").get(1))
                .containsEntry("source", "deadline")
                .containsEntry("saga", "RoomLifecycleSaga")
                .containsEntry("deadline", "reconcile-attendance")
                .doesNotContainKeys("actor", "requestId", "idempotencyKey");
    }

    /** The meta_data of this class's events with that name, in log order. */
    private List<Map<String, Object>> metaData(String eventName) {
        return jdbc
                .queryForList(
                        "SELECT convert_from(meta_data, 'UTF8') FROM session_state_events WHERE session_id = ?::uuid "
                                + "AND event_name = ? ORDER BY global_index",
                        String.class,
                        session,
                        eventName)
                .stream()
                .map(text -> {
                    try {
                        return json.readValue(text, new TypeReference<Map<String, Object>>() {});
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private String room() {
        return "lectern-" + school + "-" + session;
    }

    /** A webhook body as LiveKit sends it: the WebhookEvent in protobuf JSON. */
    private String webhook(String id, String event, String identity) throws Exception {
        LivekitWebhook.WebhookEvent.Builder builder = LivekitWebhook.WebhookEvent.newBuilder()
                .setId(id)
                .setEvent(event)
                .setCreatedAt(System.currentTimeMillis() / 1000)
                .setRoom(LivekitModels.Room.newBuilder().setName(room()));
        if (identity != null) {
            builder.setParticipant(LivekitModels.ParticipantInfo.newBuilder().setIdentity(identity));
        }
        return JsonFormat.printer().print(builder.build());
    }

    /** LiveKit's signature: a JWT from the API key whose sha256 claim is base64(sha256(raw body)). */
    private static String sign(String body, String secret) throws Exception {
        String digest = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        return JWT.create()
                .withIssuer("itkey")
                .withClaim("sha256", digest)
                .withExpiresAt(new Date(System.currentTimeMillis() + 60_000))
                .sign(Algorithm.HMAC256(secret));
    }

    private WebTestClient.ResponseSpec webhookCall(String body, String authorization) {
        WebTestClient.RequestBodySpec request = client().post()
                .uri("/webhooks/livekit")
                .contentType(MediaType.parseMediaType("application/webhook+json"));
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec start() {
        return client().post()
                .uri("/sessions/" + session + "/start")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .exchange();
    }
}
