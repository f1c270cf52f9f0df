package dev.lectern.platform.security;

import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The development issuer's endpoints (profile local, as every PlatformIT runs): keys, and tokens for known users only. */
class DevIssuerIT extends PlatformIT {

    @Test
    void mintsATokenThatLecternAcceptsForAUserOfTheTenant() {
        String tenant = newTenant();
        String token = new String(client().post()
                .uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant", tenant, "subject", "teacher@" + tenant))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.tokenType")
                .isEqualTo("Bearer")
                .jsonPath("$.expiresIn")
                .isEqualTo(3600)
                .returnResult()
                .getResponseBody());
        String accessToken = token.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
        client().get()
                .uri("/admin/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .exchange()
                .expectStatus()
                .isForbidden();
        client().get()
                .uri("/admin/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(tenant, Role.ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.subject == 'teacher@" + tenant + "')]")
                .exists();
        client().get()
                .uri("/dev/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.keys[0].kty")
                .isEqualTo("RSA");
    }

    @Test
    void refusesUnknownUsersAndTenantsThatAreNoTenantIds() {
        String tenant = newTenant();
        client().post()
                .uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant", tenant, "subject", "stranger@" + tenant, "ttlSeconds", 120))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("USER_NOT_FOUND");
        client().post()
                .uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant", "Not A Tenant", "subject", "teacher@x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED");
    }
}
