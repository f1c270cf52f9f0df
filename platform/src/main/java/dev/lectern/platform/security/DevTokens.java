package dev.lectern.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.TenantId;
import java.time.Duration;
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

    /** A signed token for the subject, or USER_NOT_FOUND when the tenant has no such user. */
    Mono<String> mint(TenantId tenant, String subject, Duration ttl) {
        return db.sql("SELECT 1 FROM users WHERE tenant_id = :tenant AND subject = :subject")
                .bind("tenant", tenant.value())
                .bind("subject", subject)
                .map((row, meta) -> 1)
                .one()
                .switchIfEmpty(
                        Mono.error(
                                () -> new RequestRejectedException(
                                        ErrorCode.USER_NOT_FOUND,
                                        "No user with this subject in this tenant (seeded users: <role>@<tenant>, e.g. teacher@north-high)")))
                .map(found -> issuer.mint(tenant, subject, ttl));
    }
}
