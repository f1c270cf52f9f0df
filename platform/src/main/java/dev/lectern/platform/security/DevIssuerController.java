package dev.lectern.platform.security;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The development issuer's endpoints (profile {@code local} only; unauthenticated by design). */
@RestController
@Profile("local")
class DevIssuerController {

    private final DevTokens tokens;

    DevIssuerController(DevTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping(path = "/dev/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks() {
        return tokens.publicKeys().toJSONObject();
    }

    /** Mints a token for a user who exists in the tenant (e.g. the seeded {@code teacher@north-high}). */
    @PostMapping(
            path = "/dev/tokens",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TokenResponse> token(@Valid @RequestBody TokenRequest request) {
        if (!TenantId.isValid(request.tenant())) {
            throw new RequestRejectedException(
                    ErrorCode.VALIDATION_FAILED, "tenant must be a tenant id such as north-high");
        }
        TenantId tenant = new TenantId(request.tenant());
        Duration ttl = Duration.ofSeconds(request.ttlSeconds() == null ? 3600 : request.ttlSeconds());
        return tokens.mint(tenant, request.subject(), ttl)
                .map(token -> new TokenResponse(token, "Bearer", ttl.toSeconds()));
    }

    record TokenRequest(
            @NotBlank String tenant,
            @NotBlank @Size(max = 255) String subject,
            @Min(60) @Max(86_400) Integer ttlSeconds) {}

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}
}
