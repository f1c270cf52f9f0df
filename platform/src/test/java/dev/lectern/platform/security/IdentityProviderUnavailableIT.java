package dev.lectern.platform.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An OIDC issuer whose signing keys cannot be fetched (faked at the wire: 503, then a dropped
 * connection): every authenticated request is 503 IDENTITY_UNAVAILABLE with Retry-After, not a 401
 * and not the event log's problem; once the keys are back, the same token works.
 */
// Its own application context (dynamic properties): closed after the class, so that it does not keep the
// processors' segment claims from the shared context of the other integration tests.
@DirtiesContext
class IdentityProviderUnavailableIT extends PlatformIT {

    private static final WireMockServer IDP =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        IDP.start();
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        // The development issuer's tokens, verified as a remote issuer's: keys from the JWK set URI.
        registry.add("lectern.identity.issuer-uri", () -> DevIssuer.ISSUER);
        registry.add("lectern.identity.jwk-set-uri", () -> "http://localhost:" + IDP.port() + "/certs");
    }

    @AfterAll
    static void stopIdp() {
        IDP.stop();
    }

    private String school;

    @BeforeEach
    void school() {
        IDP.resetAll();
        school = newTenant();
    }

    /** One test: once the keys are fetched, Nimbus caches them, so the outage comes first. */
    @Test
    void withoutItsKeysEveryAuthenticatedRequestIsIdentityUnavailableUntilTheyAreBack() {
        String admin = token(school, Role.ADMIN);
        IDP.stubFor(get(urlEqualTo("/certs")).willReturn(aResponse().withStatus(503)));
        assertIdentityUnavailable(client().get()
                .uri("/admin/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange());
        long events = eventCount();
        assertIdentityUnavailable(postSession(school, newKey(), scheduleBody("Not now")));
        assertThat(eventCount()).isEqualTo(events);

        IDP.stubFor(get(urlEqualTo("/certs")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertIdentityUnavailable(client().get()
                .uri("/admin/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange());

        IDP.stubFor(get(urlEqualTo("/certs"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(issuer.publicKeys().toString())));
        client().get()
                .uri("/admin/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static void assertIdentityUnavailable(WebTestClient.ResponseSpec response) {
        response.expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("IDENTITY_UNAVAILABLE")
                .jsonPath("$.type")
                .isEqualTo("https://lectern.dev/problems/identity-unavailable")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains("identity provider")
                        .doesNotContain("event log")
                        .doesNotContain("Idempotency-Key"));
    }
}
