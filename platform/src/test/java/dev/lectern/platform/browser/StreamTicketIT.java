package dev.lectern.platform.browser;

import static dev.lectern.platform.live.LiveClassSupport.awaitProjected;
import static dev.lectern.platform.live.LiveClassSupport.positions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.Disposable;

/**
 * Stream tickets (docs/adr/0024-browser-access.md): what a browser's native EventSource, which cannot send an
 * Authorization header, uses to open a class's stream. Over real HTTP, streams read as an EventSource reads them.
 */
@ExtendWith(OutputCaptureExtension.class)
class StreamTicketIT extends PlatformIT {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private LiveClassSupport live;
    private String school;
    private String teacher;
    private String student;
    private String studentId;

    @BeforeEach
    void aSchool() {
        live = new LiveClassSupport(port, json);
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        student = token(school, Role.STUDENT);
        studentId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
    }

    @Test
    void aTicketOpensTheClassStreamWithoutAnAuthorizationHeader() {
        String session = liveClass("Optics");
        Instant before = Instant.now();
        EntityExchangeResult<byte[]> issued = issue(student, session, newKey(), 201);
        JsonNode ticket = live.read(new String(issued.getResponseBody(), StandardCharsets.UTF_8));
        assertThat(issued.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(issued.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        String text = ticket.get("ticket").asText();
        assertThat(text).matches("[A-Za-z0-9_-]{43}");
        assertThat(ticket.get("streamUrl").asText()).isEqualTo("/sessions/" + session + "/stream?ticket=" + text);
        Instant expiresAt = Instant.parse(ticket.get("expiresAt").asText());
        assertThat(expiresAt)
                .isBetween(
                        before.plus(Duration.ofMinutes(5)).minusSeconds(1),
                        Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(ticket.size()).as("exactly ticket, expiresAt, streamUrl").isEqualTo(3);

        // Only the ticket's SHA-256 is stored, with what it stands for.
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT tenant_id, subject, session_id::text AS session_id FROM stream_tickets "
                        + "WHERE ticket_hash = sha256(convert_to(?, 'UTF8'))",
                text);
        assertThat(row).containsEntry("tenant_id", school).containsEntry("subject", "student@" + school);
        assertThat(row).containsEntry("session_id", session);

        List<ServerSentEvent<String>> received = live.streamByUrl(
                        ticket.get("streamUrl").asText(), null)
                .take(1)
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(received).extracting(ServerSentEvent::event).containsExactly("state");
        assertThat(live.read(received.get(0).data()).get("status").asText()).isEqualTo("live");
    }

    @Test
    void theSameTicketReconnectsWithLastEventIdAndMissesNothing() {
        String session = liveClass("Acoustics");
        String url = streamUrl(student, session);
        List<ServerSentEvent<String>> before = new CopyOnWriteArrayList<>();
        Disposable first = live.streamByUrl(url, null).subscribe(before::add);
        live.post(teacher, "/sessions/" + session + "/join", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> before.size() >= 2);
        first.dispose();
        String lastSeen = before.get(before.size() - 1).id();

        live.post(student, "/sessions/" + session + "/join", null);
        live.post(
                teacher,
                "/sessions/" + session + "/permissions",
                Map.of("userId", studentId, "permission", "present", "action", "grant"));
        assertThat(positions(jdbc, session, Long.parseLong(lastSeen))).hasSize(2);

        // EventSource's automatic reconnect: the same URL, the Last-Event-ID header.
        List<ServerSentEvent<String>> resumed = new CopyOnWriteArrayList<>();
        Disposable second = live.streamByUrl(url, lastSeen).subscribe(resumed::add);
        try {
            live.post(student, "/sessions/" + session + "/leave", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.size() >= 3);
            assertThat(resumed)
                    .extracting(e -> Long.parseLong(e.id()))
                    .containsExactlyElementsOf(positions(jdbc, session, Long.parseLong(lastSeen)));
            assertThat(resumed).noneMatch(e -> "state".equals(e.event()));
            assertThat(new HashSet<>(resumed.stream().map(ServerSentEvent::id).toList()))
                    .hasSize(resumed.size());
        } finally {
            second.dispose();
        }
    }

    @Test
    void aStreamEndsWhenItsTicketExpiresAndANewTicketResumesWhereItEnded() {
        String session = liveClass("Geometry");
        // A ticket never outlives the token it was issued for: this one lives 4 s.
        String shortLived = issuer.mint(new TenantId(school), "student@" + school, Duration.ofSeconds(4));
        String key = newKey();
        JsonNode ticket =
                live.read(new String(issue(shortLived, session, key, 201).getResponseBody(), StandardCharsets.UTF_8));
        assertThat(Instant.parse(ticket.get("expiresAt").asText()))
                .isBefore(Instant.now().plusSeconds(5));

        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        boolean[] completed = {false};
        Disposable subscription = live.streamByUrl(ticket.get("streamUrl").asText(), null)
                .subscribe(received::add, e -> {}, () -> completed[0] = true);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            live.post(teacher, "/sessions/" + session + "/join", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
            String lastDelivered = received.get(1).id();
            await().atMost(Duration.ofSeconds(15)).until(() -> completed[0]);
            ServerSentEvent<String> last = received.get(received.size() - 1);
            assertThat(last.event()).isEqualTo("reauthenticate");
            assertThat(last.id()).isNull();
            JsonNode reason = live.read(last.data());
            assertThat(reason.get("reason").asText()).isEqualTo("ticket_expired");
            assertThat(reason.get("expiredAt").asText())
                    .isEqualTo(ticket.get("expiresAt").asText());
            assertThat(reason.get("lastEventId").asText()).isEqualTo(lastDelivered);

            // The expired ticket is refused; a new ticket and ?lastEventId= pick up exactly after it.
            assertUnauthenticated(live.getAnonymous(ticket.get("streamUrl").asText()));
            live.post(student, "/sessions/" + session + "/join", null);
            String fresh = streamUrl(student, session) + "&lastEventId=" + lastDelivered;
            List<ServerSentEvent<String>> resumed = live.streamByUrl(fresh, null)
                    .take(Duration.ofSeconds(2))
                    .collectList()
                    .block(Duration.ofSeconds(10));
            assertThat(resumed)
                    .extracting(e -> Long.parseLong(e.id()))
                    .containsExactlyElementsOf(positions(jdbc, session, Long.parseLong(lastDelivered)))
                    .isNotEmpty();

            // Issuing sweeps expired tickets (a bounded batch each time), with the idempotency record that held it.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                ticket(student, session);
                return jdbc.queryForObject(
                                "SELECT count(*) FROM stream_tickets WHERE tenant_id = ? AND idempotency_key = ?",
                                Long.class,
                                school,
                                key)
                        == 0;
            });
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM idempotency_keys WHERE tenant_id = ? AND idempotency_key = ?",
                            Long.class,
                            school,
                            key))
                    .isZero();
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aTicketIsForItsOwnClassOnly(CapturedOutput output) {
        String classA = liveClass("Mechanics");
        String classB = liveClass("Thermodynamics");
        JsonNode ticket = ticket(student, classA);
        String text = ticket.get("ticket").asText();
        assertUnauthenticated(live.getAnonymous("/sessions/" + classB + "/stream?ticket=" + text));
        assertUnauthenticated(live.getAnonymous("/sessions/not-a-class/stream?ticket=" + text));
        // Anywhere but the class stream, ?ticket= is no credential.
        var state = live.getAnonymous("/sessions/" + classA + "/state?ticket=" + text);
        assertThat(state.getKey()).isEqualTo(401);
        assertThat(state.getValue().get("detail").asText()).contains("bearer token");
        assertThat(client().post()
                .uri("/sessions/" + classA + "/stream-tickets?ticket=" + text)
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isUnauthorized());
        assertThat(output.getAll()).contains("Stream ticket refused").doesNotContain(text);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameTicket() {
        String session = liveClass("Chemistry");
        String key = newKey();
        EntityExchangeResult<byte[]> first = issue(student, session, key, 201);
        EntityExchangeResult<byte[]> retry = issue(student, session, key, 201);
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM stream_tickets WHERE tenant_id = ? AND idempotency_key = ?",
                        Long.class,
                        school,
                        key))
                .isEqualTo(1);
        // A new key is a new ticket; both work.
        JsonNode other = ticket(student, session);
        assertThat(other.get("ticket").asText())
                .isNotEqualTo(live.read(new String(first.getResponseBody(), StandardCharsets.UTF_8))
                        .get("ticket")
                        .asText());
        assertThat(client().post()
                .uri("/sessions/" + session + "/stream-tickets")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("IDEMPOTENCY_KEY_REQUIRED"));
    }

    @Test
    void whoMayNotOpenTheStreamGetsNoTicketAndTheSameRefusal() {
        String session = liveClass("History");
        String outsider = token(newTenant(), Role.STUDENT);
        String auditor = token(school, Role.AUDITOR);
        for (String caller : List.of(outsider, auditor)) {
            var stream = live.get(caller, "/sessions/" + session + "/stream");
            assertThat(stream.getKey()).isIn(403, 404);
            JsonNode refused = live.read(new String(
                    issue(caller, session, newKey(), stream.getKey()).getResponseBody(), StandardCharsets.UTF_8));
            assertThat(refused.get("code").asText())
                    .isEqualTo(stream.getValue().get("code").asText());
        }
        assertThat(live.get(outsider, "/sessions/" + session + "/stream").getKey())
                .isEqualTo(404);
        var unknown = live.get(student, "/sessions/" + java.util.UUID.randomUUID() + "/stream");
        assertThat(unknown.getKey()).isEqualTo(404);
        issue(student, "/" + java.util.UUID.randomUUID(), newKey(), 404);
        issue(student, "not-a-uuid", newKey(), 400);
        client().post()
                .uri("/sessions/" + session + "/stream-tickets")
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aRemovedStudentsTicketNoLongerConnects() {
        String session = liveClass("Biology");
        String url = streamUrl(student, session);
        boolean[] completed = {false};
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        Disposable subscription =
                live.streamByUrl(url, null).subscribe(received::add, e -> {}, () -> completed[0] = true);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            live.post(
                    teacher,
                    "/sessions/" + session + "/revocations",
                    Map.of("userId", studentId, "reason", "Disruptive"));
            await().atMost(Duration.ofSeconds(10)).until(() -> completed[0]);
            awaitProjected(jdbc, session);
            // Still within its lifetime, but access is checked again at every connect.
            var again = live.getAnonymous(url);
            assertThat(again.getKey()).isEqualTo(403);
            assertThat(again.getValue().get("code").asText()).isEqualTo("FORBIDDEN");
            issue(student, session, newKey(), 403);
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void malformedTicketsAreRefusedNeverAServerError() throws Exception {
        String session = liveClass("Algebra");
        String stream = "/sessions/" + session + "/stream?ticket=";
        for (String bad : List.of(
                "",
                "%00",
                "abc%00def",
                "%01%02%1B%7F",
                "%E2%80%AE",
                "a".repeat(43),
                "a".repeat(44),
                "A".repeat(5000),
                ticket(student, session).get("ticket").asText() + "%00")) {
            var refused = live.getAnonymous(stream + bad);
            assertThat(refused.getKey()).as(bad).isEqualTo(401);
            assertThat(refused.getValue().get("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.getValue().get("detail").asText()).contains("get a new one");
        }
        var huge = live.getAnonymous(stream + "A".repeat(9000));
        assertThat(huge.getKey()).isEqualTo(414);
        assertThat(huge.getValue().get("code").asText()).isEqualTo("URI_TOO_LONG");
        // Raw control bytes on the request line: refused by the HTTP layer, not a 5xx.
        for (String raw : List.of("\u0000", "\u0001", "\t\u007f", "%zz", "%")) {
            assertThat(rawStatus("GET " + stream + "x" + raw + "y HTTP/1.1"))
                    .as("raw %s", raw.codePoints().boxed().toList())
                    .isBetween(400, 499);
        }
    }

    @Test
    void aTicketIsNeverWrittenToTheAuditTrail() {
        String session = liveClass("Latin");
        String text = ticket(teacher, session).get("ticket").asText();
        client().get()
                .uri("/sessions/" + session + "/events?ticket=" + text)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .exchange()
                .expectStatus()
                .isOk();
        List<String> audited = jdbc.queryForList(
                "SELECT subject_id FROM audit_log WHERE tenant_id = ? AND action = 'audit.read'", String.class, school);
        assertThat(audited).contains("GET /sessions/" + session + "/events?ticket=***");
        assertThat(audited).noneMatch(line -> line.contains(text));
    }

    private String liveClass(String title) {
        String session = live.schedule(teacher, title);
        live.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);
        return session;
    }

    private EntityExchangeResult<byte[]> issue(String token, String session, String key, int status) {
        return client().post()
                .uri("/sessions/" + session + "/stream-tickets")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", key)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult();
    }

    private JsonNode ticket(String token, String session) {
        return live.read(new String(issue(token, session, newKey(), 201).getResponseBody(), StandardCharsets.UTF_8));
    }

    private String streamUrl(String token, String session) {
        return ticket(token, session).get("streamUrl").asText();
    }

    private static void assertUnauthenticated(Map.Entry<Integer, JsonNode> response) {
        assertThat(response.getKey()).isEqualTo(401);
        assertThat(response.getValue().get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.getValue().get("detail").asText()).contains("get a new one");
    }

    private int rawStatus(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
