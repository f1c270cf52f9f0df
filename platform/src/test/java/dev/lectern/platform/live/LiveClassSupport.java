package dev.lectern.platform.live;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** A class driven over HTTP on one node, and SSE streams read with a real HTTP client. */
public final class LiveClassSupport {

    public static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {};

    private final WebClient http;
    private final ObjectMapper json;
    private final int port;

    public LiveClassSupport(int port, ObjectMapper json) {
        this.port = port;
        this.http = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build();
        this.json = json;
    }

    public JsonNode post(String token, String path, Object body) {
        WebClient.RequestBodySpec request = http.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        String text = (body == null
                        ? request
                        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body))
                .exchangeToMono(response -> response.bodyToMono(String.class).map(b -> {
                    if (response.statusCode().isError()) {
                        throw new AssertionError("POST " + path + " -> " + response.statusCode() + " " + b);
                    }
                    return b;
                }))
                .block(Duration.ofSeconds(30));
        return read(text);
    }

    /** Any write; returns the status and body (for refusals). */
    public Map.Entry<Integer, JsonNode> send(String method, String token, String path, Object body) {
        WebClient.RequestBodySpec request = http.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        return (body == null
                        ? request
                        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body))
                .exchangeToMono(r -> r.bodyToMono(String.class)
                        .defaultIfEmpty("null")
                        .map(b -> Map.entry(r.statusCode().value(), read(b))))
                .block(Duration.ofSeconds(30));
    }

    /** GET as JSON; returns the status and body. */
    public Map.Entry<Integer, JsonNode> get(String token, String path) {
        return http.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchangeToMono(r -> r.bodyToMono(String.class)
                        .defaultIfEmpty("null")
                        .map(b -> Map.entry(r.statusCode().value(), read(b))))
                .block(Duration.ofSeconds(30));
    }

    public String schedule(String teacherToken, String title) {
        Instant startsAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return post(
                        teacherToken,
                        "/sessions",
                        Map.of(
                                "title",
                                title,
                                "startsAt",
                                startsAt.toString(),
                                "durationMinutes",
                                45,
                                "recordingEnabled",
                                false))
                .get("sessionId")
                .asText();
    }

    /** An open stream (hot: events are collected from the moment of subscription). */
    public Flux<ServerSentEvent<String>> stream(String token, String session, String lastEventId) {
        WebClient.RequestHeadersSpec<?> request = http.get()
                .uri("/sessions/" + session + "/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        return request.retrieve().bodyToFlux(SSE).filter(e -> e.event() != null);
    }

    /** A stream opened by URL alone, as a browser's EventSource opens one: no Authorization header. */
    public Flux<ServerSentEvent<String>> streamByUrl(String url, String lastEventId) {
        WebClient.RequestHeadersSpec<?> request = http.get()
                .uri(java.net.URI.create(url.startsWith("/") ? "http://127.0.0.1:" + port + url : url))
                .accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        return request.retrieve().bodyToFlux(SSE).filter(e -> e.event() != null);
    }

    /** GET without any credential header; returns the status and body (for refusals). */
    public Map.Entry<Integer, JsonNode> getAnonymous(String url) {
        return http.get()
                .uri(java.net.URI.create("http://127.0.0.1:" + port + url))
                .exchangeToMono(r -> r.bodyToMono(String.class)
                        .defaultIfEmpty("null")
                        .map(b -> Map.entry(r.statusCode().value(), read(b))))
                .block(Duration.ofSeconds(30));
    }

    /** Waits until the live projection includes every event of the class that is in the log. */
    public static void awaitProjected(JdbcTemplate jdbc, String session) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Long head = jdbc.queryForObject(
                    "SELECT max(global_index) FROM session_state_events WHERE session_id = ?::uuid",
                    Long.class,
                    session);
            List<Long> projected = jdbc.queryForList(
                    "SELECT last_event_position FROM live_state WHERE session_id = ?::uuid", Long.class, session);
            return head != null && !projected.isEmpty() && projected.get(0).equals(head);
        });
    }

    public static List<Long> positions(JdbcTemplate jdbc, String session, long after) {
        return jdbc.queryForList(
                "SELECT global_index FROM session_state_events WHERE session_id = ?::uuid "
                        + "AND global_index > ? ORDER BY global_index",
                Long.class,
                session,
                after);
    }

    public JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
