package dev.lectern.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.TenantId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the development issuer's endpoints do (profile {@code local} only): its public keys, and a token
 * for a user who exists in the tenant ({@code users}, read through R2DBC).
 */
@Component
@Profile("local")
class DevTokens {

    private final DevIssuer issuer;
    private final DatabaseClient db;

    DevTokens(DevIssuer issuer, DatabaseClient db) {
        this.issuer = issuer;
        this.db = db;
    }

    JWKSet publicKeys() {
        return issuer.publicKeys();
    }

    /**
     * A signed token for the subject, or USER_NOT_FOUND when the tenant has no such user. It carries the standard
     * profile claims from the user record ({@code name}, {@code preferred_username}, {@code email}), as an
     * identity provider's token does, so the development path signs in through the same code (docs/adr/0027).
     */
    Mono<String> mint(TenantId tenant, String subject, Duration ttl) {
        return db.sql("SELECT display_name, email FROM users WHERE tenant_id = :tenant AND subject = :subject")
                .bind("tenant", tenant.value())
                .bind("subject", subject)
                .map((row, meta) -> {
                    Map<String, Object> claims = new HashMap<>();
                    claims.put("name", row.get("display_name", String.class));
                    claims.put("preferred_username", subject);
                    String email = row.get("email", String.class);
                    if (email != null) {
                        claims.put("email", email);
                    }
                    return claims;
                })
                .one()
                .switchIfEmpty(
                        Mono.error(
                                () -> new RequestRejectedException(
                                        ErrorCode.USER_NOT_FOUND,
                                        "No user with this subject in this tenant (seeded users: <role>@<tenant>, e.g. teacher@north-high)")))
                .map(claims -> issuer.mint(tenant, subject, ttl, claims));
    }
}
