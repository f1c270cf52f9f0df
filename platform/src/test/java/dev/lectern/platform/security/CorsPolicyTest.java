package dev.lectern.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.CorsConfiguration;

/** LECTERN_ALLOWED_ORIGINS is checked at startup; the policy is what docs/adr/0024-browser-access.md says. */
class CorsPolicyTest {

    @Test
    void exactOriginsAreKeptAsListed() {
        assertThat(CorsPolicy.origins(" https://app.example.org , http://localhost:5173,https://x.example:8443"))
                .containsExactly("https://app.example.org", "http://localhost:5173", "https://x.example:8443");
        assertThat(CorsPolicy.origins("")).isEmpty();
        assertThat(CorsPolicy.origins(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*",
                "https://*.example.org",
                "https://app.example.org/",
                "https://app.example.org/path",
                "app.example.org",
                "ftp://app.example.org",
                "https://app.example.org?x=1",
                "https://user@app.example.org",
                "https://a.example.org,,https://b.example.org",
                "https://a.example.org,",
                "https://exa mple.org"
            })
    void aMalformedOriginListRefusesToStartAndSaysWhy(String value) {
        assertThatThrownBy(() -> CorsPolicy.source(value, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LECTERN_ALLOWED_ORIGINS")
                .hasMessageContaining("expected comma-separated origins");
    }

    @Test
    void withoutOriginsNoOriginIsAllowedAndNothingIsSentWithCredentials() {
        CorsConfiguration none = configuration("", false);
        assertThat(none.checkOrigin("https://app.example.org")).isNull();
        assertThat(none.checkOrigin("http://localhost:5173")).isNull();
        assertThat(none.getAllowCredentials()).isFalse();
    }

    @Test
    void theLocalProfileAllowsLocalhostOnAnyPortOnly() {
        CorsConfiguration local = configuration("", true);
        assertThat(local.checkOrigin("http://localhost:5173")).isEqualTo("http://localhost:5173");
        assertThat(local.checkOrigin("http://127.0.0.1:3000")).isEqualTo("http://127.0.0.1:3000");
        assertThat(local.checkOrigin("http://localhost.evil.example:5173")).isNull();
        assertThat(local.checkOrigin("https://app.example.org")).isNull();
    }

    @Test
    void theConfiguredOriginsHeadersAndMethods() {
        CorsConfiguration config = configuration("https://app.example.org", false);
        assertThat(config.checkOrigin("https://app.example.org")).isEqualTo("https://app.example.org");
        assertThat(config.checkOrigin("https://app.example.org.evil.example")).isNull();
        assertThat(config.getAllowedHeaders())
                .containsExactlyInAnyOrder(
                        "Authorization",
                        "Content-Type",
                        "Idempotency-Key",
                        "Last-Event-ID",
                        "Cache-Control",
                        "X-Request-Id");
        assertThat(config.getExposedHeaders())
                .contains("Location", "Idempotent-Replayed", "Retry-After", "X-Request-Id");
        assertThat(config.getAllowedMethods()).containsExactlyInAnyOrder("GET", "POST", "PUT", "DELETE");
        assertThat(config.getMaxAge()).isEqualTo(600L);
    }

    @Test
    void aTicketLivesItsTtlButNeverPastItsToken() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(StreamTickets.expiry(now, Duration.ofMinutes(5), now.plus(Duration.ofHours(1))))
                .isEqualTo(now.plus(Duration.ofMinutes(5)));
        assertThat(StreamTickets.expiry(now, Duration.ofMinutes(5), now.plusSeconds(42)))
                .isEqualTo(now.plusSeconds(42));
        assertThatThrownBy(() -> StreamTickets.expiry(now, Duration.ofMinutes(5), now.minusSeconds(1)))
                .hasMessageContaining("bearer token has expired");
    }

    private static CorsConfiguration configuration(String origins, boolean local) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/sessions").header(HttpHeaders.ORIGIN, "https://somewhere.example"));
        return CorsPolicy.source(origins, local).getCorsConfiguration(exchange);
    }
}
