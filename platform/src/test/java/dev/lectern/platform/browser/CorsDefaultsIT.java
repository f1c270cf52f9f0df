package dev.lectern.platform.browser;

import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * CORS with LECTERN_ALLOWED_ORIGINS unset (docs/adr/0024-browser-access.md): no origin is allowed, so no
 * request ever gets CORS headers and a cross-origin browser is refused; the local profile (which the ITs run
 * with) adds localhost on any port for development.
 */
class CorsDefaultsIT extends PlatformIT {

    private static final String ELSEWHERE = "https://app.example.test";

    @Test
    void withoutConfiguredOriginsACrossOriginBrowserGetsNoCorsHeadersAndIsRefused() {
        String tenant = newTenant();
        WebTestClient.ResponseSpec preflight = client().options()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, ELSEWHERE)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange();
        preflight.expectStatus().isForbidden();
        preflight.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);

        WebTestClient.ResponseSpec actual = client().get()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, ELSEWHERE)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(tenant, Role.TEACHER))
                .exchange();
        actual.expectStatus().isForbidden();
        actual.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        actual.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);

        // Not a browser (no Origin): nothing changes.
        client().get()
                .uri("/admin/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(tenant, Role.ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void theLocalProfileAllowsADevServerOnLocalhost() {
        WebTestClient.ResponseSpec preflight = client().options()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,idempotency-key")
                .exchange();
        preflight.expectStatus().isOk();
        preflight.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
        preflight.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
        client().options()
                .uri("/sessions")
                .header(HttpHeaders.ORIGIN, "http://localhost.evil.test:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
