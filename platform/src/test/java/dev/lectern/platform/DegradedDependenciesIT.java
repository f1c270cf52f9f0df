package dev.lectern.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import dev.lectern.platform.support.TestInfrastructureEnvironmentPostProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.reactive.context.StandardReactiveWebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A node whose degradable dependencies are all broken at once: Redis and S3 accept connections and
 * never answer (hung), LiveKit refuses Lectern's key (401). Health answers within a second, keeps the
 * node in the load balancer (200, readiness UP) and names each broken dependency; LiveKit is not
 * called per health request; a deck upload is a 503 STORAGE_UNAVAILABLE with Retry-After, in seconds.
 */
class DegradedDependenciesIT extends PlatformIT {

    private static final WireMockServer LIVEKIT =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static ServerSocket silent;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();
    private static ConfigurableApplicationContext node;
    private static WebTestClient http;

    @Autowired
    ObjectMapper json;

    @BeforeAll
    static void aNodeWithBrokenDependencies() throws IOException {
        LIVEKIT.start();
        LIVEKIT.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withBody("invalid API key")));
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(
                () -> {
                    while (!silent.isClosed()) {
                        try {
                            held.add(silent.accept());
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "silent-dependency");
        accept.setDaemon(true);
        accept.start();

        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.datasource.hikari.maximum-pool-size", "6");
        settings.put("spring.r2dbc.pool.max-size", "4");
        settings.put("spring.r2dbc.pool.initial-size", "1");
        settings.put("lectern.redis.url", "redis://127.0.0.1:" + silent.getLocalPort());
        settings.put("lectern.s3.endpoint", "http://127.0.0.1:" + silent.getLocalPort());
        settings.put("lectern.s3.access-key", "hung");
        settings.put("lectern.s3.secret-key", "hung-secret");
        settings.put("lectern.s3.call-timeout", "PT3S");
        settings.put("lectern.livekit.url", "http://localhost:" + LIVEKIT.port());
        settings.put("lectern.livekit.api-key", "wrong-key");
        settings.put("lectern.livekit.api-secret", "wrong-secret-wrong-secret-wrong-secret");
        settings.put("lectern.health.media-plane-interval", "PT60S");
        StandardReactiveWebEnvironment env = new StandardReactiveWebEnvironment();
        env.getPropertySources()
                .addFirst(new MapPropertySource(TestInfrastructureEnvironmentPostProcessor.NODE_OVERRIDES, settings));
        node = new SpringApplicationBuilder(LecternApplication.class)
                .environment(env)
                .profiles("local")
                .run();
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + node.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stopNode() throws IOException {
        if (node != null) {
            node.close();
        }
        LIVEKIT.stop();
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void healthAnswersAtOnceKeepsTheNodeAndNamesEachBrokenDependency() throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode health = health();
            return "DEGRADED".equals(health.at("/components/redis/status").asText())
                    && "DEGRADED"
                            .equals(health.at("/components/objectStorage/status")
                                    .asText())
                    && "DEGRADED"
                            .equals(health.at("/components/mediaPlane/status").asText());
        });
        long liveKitCalls =
                LIVEKIT.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();

        int slowAnswers = 0;
        for (int i = 0; i < 20; i++) {
            long began = System.nanoTime();
            EntityExchangeResult<byte[]> answer = http.get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult();
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            // A probe on the request path would make every call wait for its dependency's timeout; one call
            // slowed by a pause of this shared 2-core machine (GC, compilation) is not that.
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            if (took.compareTo(Duration.ofSeconds(1)) >= 0) {
                slowAnswers++;
            }
            JsonNode health = json.readTree(answer.getResponseBody());
            assertThat(health.at("/status").asText()).isEqualTo("DEGRADED");
            assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/r2dbc/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/mediaPlane/details/error").asText())
                    .contains("401");
            assertThat(health.at("/components/mediaPlane/details/ageMillis").isNumber())
                    .isTrue();
        }
        assertThat(slowAnswers)
                .as("health answers that took a second or more, of 20")
                .isLessThanOrEqualTo(1);
        long began = System.nanoTime();
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        http.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));

        // The probe runs in the background once a minute here: 20 health requests made no call of their own.
        assertThat(LIVEKIT.countRequestsMatching(anyRequestedFor(anyUrl()).build())
                                .getCount()
                        - liveKitCalls)
                .isLessThanOrEqualTo(1);
    }

    @Test
    void aDeckUploadToAHungStoreIsStorageUnavailableWithRetryAfter() throws IOException {
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);
        int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
        String session = new LiveClassSupport(port, json).schedule(teacher, "Hung storage");
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(onePagePdf()) {
                    @Override
                    public String getFilename() {
                        return "lesson.pdf";
                    }
                })
                .contentType(MediaType.APPLICATION_PDF);

        long began = System.nanoTime();
        EntityExchangeResult<byte[]> answer = http.post()
                .uri("/sessions/" + session + "/decks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .returnResult();

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(15));
        JsonNode problem = json.readTree(answer.getResponseBody());
        assertThat(problem.get("code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(problem.get("detail").asText()).doesNotContain("event log");
        assertThat(health().at("/components/objectStorage/status").asText()).isEqualTo("DEGRADED");
    }

    private JsonNode health() throws IOException {
        return json.readTree(http.get()
                .uri("/actuator/health")
                .exchange()
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    private static byte[] onePagePdf() throws IOException {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }
}
