package dev.lectern.platform;

import dev.lectern.platform.support.PlatformIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** Operators' view: health, readiness on the kill-switch dependencies, metrics, request ids. */
class HealthAndMetricsIT extends PlatformIT {

    @Autowired
    Environment environment;

    @Test
    void healthIsUpAndReadinessCoversTheEventLog() {
        client().get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.db.status")
                .isEqualTo("UP")
                .jsonPath("$.components.objectStorage.status")
                .isEqualTo("UP")
                .jsonPath("$.components.mediaPlane.status")
                .isEqualTo("UP");
        client().get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.db.status")
                .isEqualTo("UP")
                .jsonPath("$.components.objectStorage")
                .doesNotExist();
    }

    @Test
    void redisIsReportedWhenConfigured() {
        boolean configured = !environment.getProperty("lectern.redis.url", "").isBlank();
        var body = client().get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
        if (configured) {
            body.jsonPath("$.components.redis.status").isEqualTo("UP");
        } else {
            body.jsonPath("$.components.redis").doesNotExist();
        }
    }

    @Test
    void everyResponseCarriesARequestIdAndSaneOnesAreKept() {
        client().get()
                .uri("/actuator/health")
                .header("X-Request-Id", "trace-123")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "trace-123");
        client().get()
                .uri("/actuator/health")
                .header("X-Request-Id", "bad id with spaces")
                .exchange()
                .expectHeader()
                .value(
                        "X-Request-Id",
                        id -> org.assertj.core.api.Assertions.assertThat(id)
                                .doesNotContain(" ")
                                .hasSize(36));
    }

    @Test
    void metricsNeedAToken() {
        client().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void prometheusMetricsAreExposed() {
        client().get().uri("/actuator/health").exchange().expectStatus().isOk();
        client().get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + token(newTenant(), dev.lectern.events.identity.Role.ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(text -> org.assertj.core.api.Assertions.assertThat(text)
                        .contains("http_server_requests_seconds")
                        .contains("hikaricp_connections"));
    }
}
