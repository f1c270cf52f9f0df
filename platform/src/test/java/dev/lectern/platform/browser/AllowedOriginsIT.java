package dev.lectern.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * CORS with LECTERN_ALLOWED_ORIGINS set (docs/adr/0024-browser-access.md): preflights are answered before
 * authentication, the listed origins get their headers, any other origin is refused without them. Tickets here
 * live {@code LECTERN_STREAM_TICKET_TTL} = 5 s.
 */
@DirtiesContext
@TestPropertySource(
        properties = {
            "lectern.cors.allowed-origins=https://app.example.test, https://admin.example.test:8443",
            // LECTERN_STREAM_TICKET_TTL: tickets of this context live 5 s, whatever their token has left.
            "lectern.stream-tickets.ttl=PT5S",
            // A second application context next to the shared one: keep its pools small.
            "spring.datasource.hikari.maximum-pool-size=8",
            "spring.r2dbc.pool.max-size=5",
            "spring.r2dbc.pool.initial-size=2"
        })
class AllowedOriginsIT extends PlatformIT {

    private static final String APP = "https://app.example.test";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private String tenant;
    private String teacher;

    @BeforeEach
    void school() {
        tenant = newTenant();
        teacher = token(tenant, Role.TEACHER);
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        WebTestClient.ResponseSpec preflight = client().options()
                .uri("/sessions/" + java.util.UUID.randomUUID() + "/stream-tickets")
                .header(HttpHeaders.ORIGIN, APP)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange();
        preflight.expectStatus().isOk();
        preflight.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP);
        preflight
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(List.of(methods.split(",\\s*")))
                                .containsExactlyInAnyOrder("GET", "POST", "PUT", "DELETE"));
        preflight
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase())
                                .contains("authorization", "content-type", "idempotency-key"));
        preflight.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        preflight.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
        preflight.expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE);

        // EventSource reconnecting sends Last-Event-ID (and some send Cache-Control).
        client().options()
                .uri("/sessions/" + java.util.UUID.randomUUID() + "/stream?ticket=x")
                .header(HttpHeaders.ORIGIN, "https://admin.example.test:8443")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "last-event-id,cache-control")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://admin.example.test:8443");
    }

    @Test
    void aPreflightFromAnotherOriginOrForAnotherHeaderIsRefused() {
        for (String origin :
                List.of("https://evil.example.test", "https://app.example.test:444", "http://app.example.test")) {
            client().options()
                    .uri("/sessions")
                    .header(HttpHeaders.ORIGIN, origin)
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        }
        client().options()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, APP)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-evil")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        client().options()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, APP)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void crossOriginAnswersCarryTheOriginAndExposeLecternsHeaders() {
        WebTestClient.ResponseSpec created = client().post()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, APP)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(scheduleBody("Optics"))
                .exchange();
        created.expectStatus().isCreated();
        created.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP);
        created.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
        created.expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(List.of(exposed.split(",\\s*")))
                                .contains("Location", "Idempotent-Replayed", "Retry-After", "X-Request-Id"));
        created.expectHeader().exists(HttpHeaders.LOCATION);

        client().get()
                .uri("/admin/users")
                .header(HttpHeaders.ORIGIN, APP)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(tenant, Role.ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP);
        // A refusal is readable by the page too (it says why).
        client().get()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, APP)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP);
        // Another origin's actual request is refused before it runs.
        client().get()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, "https://evil.example.test")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void aTicketLivesTheConfiguredTtlAndItsStreamThenEndsWithReauthenticate() {
        LiveClassSupport live = new LiveClassSupport(port, json);
        String session = live.schedule(teacher, "Optics");
        live.post(teacher, "/sessions/" + session + "/start", null);
        LiveClassSupport.awaitProjected(jdbc, session);
        java.time.Instant before = java.time.Instant.now();
        JsonNode ticket = live.post(token(tenant, Role.STUDENT), "/sessions/" + session + "/stream-tickets", null);
        java.time.Instant expiresAt =
                java.time.Instant.parse(ticket.get("expiresAt").asText());
        assertThat(expiresAt)
                .as("5 s, although the token has 30 minutes left")
                .isBetween(before.plusSeconds(4), java.time.Instant.now().plusSeconds(5));
        List<org.springframework.http.codec.ServerSentEvent<String>> received = live.streamByUrl(
                        ticket.get("streamUrl").asText(), null)
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(received).extracting(e -> e.event()).startsWith("state").endsWith("reauthenticate");
        JsonNode reason = live.read(received.get(received.size() - 1).data());
        assertThat(reason.get("reason").asText()).isEqualTo("ticket_expired");
        assertThat(reason.get("expiredAt").asText())
                .isEqualTo(ticket.get("expiresAt").asText());
        assertThat(reason.get("lastEventId").asText()).isEqualTo(received.get(0).id());
    }

    @Test
    void anEventSourceOnAnAllowedOriginOpensTheStreamWithATicket() {
        LiveClassSupport live = new LiveClassSupport(port, json);
        String session = live.schedule(teacher, "Acoustics");
        live.post(teacher, "/sessions/" + session + "/start", null);
        LiveClassSupport.awaitProjected(jdbc, session);
        JsonNode ticket = live.post(token(tenant, Role.STUDENT), "/sessions/" + session + "/stream-tickets", null);
        var response = WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri(java.net.URI.create(
                        "http://127.0.0.1:" + port + ticket.get("streamUrl").asText()))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.ORIGIN, APP)
                .exchangeToMono(r -> r.bodyToFlux(LiveClassSupport.SSE)
                        .filter(e -> e.event() != null)
                        .next()
                        .map(first -> List.of(
                                r.statusCode().value(),
                                r.headers().asHttpHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN),
                                first.event())))
                .block(Duration.ofSeconds(15));
        assertThat(response).containsExactly(200, APP, "state");
    }
}
