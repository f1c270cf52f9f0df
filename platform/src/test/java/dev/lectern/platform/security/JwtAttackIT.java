package dev.lectern.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Tokens that must never authenticate: each gets 401 problem+json saying why, and changes nothing. */
class JwtAttackIT extends PlatformIT {

    private String tenant;

    @BeforeEach
    void school() {
        tenant = newTenant();
    }

    @Test
    void aProperTokenIsAccepted() {
        assertThat(status(issuer.mint(
                        new dev.lectern.events.identity.TenantId(tenant),
                        "admin@" + tenant,
                        java.time.Duration.ofMinutes(5))))
                .isEqualTo(200);
        assertThat(status(sign(
                        claims(c -> {}),
                        issuer.signingKey(),
                        issuer.signingKey().getKeyID())))
                .isEqualTo(200);
    }

    @Test
    void unsignedTokensAreRejected() {
        assertRefused(new PlainJWT(claims(c -> {})).serialize(), "The token must be signed with RS256");
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() throws JOSEException {
        byte[] publicKey = issuer.signingKey().toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(issuer.signingKey().getKeyID())
                        .build(),
                claims(c -> {}));
        jwt.sign(new MACSigner(publicKey));
        assertRefused(jwt.serialize(), "The token must be signed with RS256");
    }

    @Test
    void wrongIssuerAudienceOrTimesAreRejected() {
        Instant now = Instant.now();
        assertRefused(valid(c -> c.issuer("https://evil.example/")), "The token was not issued by " + DevIssuer.ISSUER);
        assertRefused(valid(c -> c.audience("someone-else")), "The token's audience does not include lectern");
        assertRefused(valid(c -> c.audience((String) null)), "The token's audience does not include lectern");
        assertRefused(
                valid(c -> c.issueTime(Date.from(now.minusSeconds(1200)))
                        .notBeforeTime(Date.from(now.minusSeconds(1200)))
                        .expirationTime(Date.from(now.minusSeconds(600)))),
                "The token has expired");
        assertRefused(
                valid(c -> c.expirationTime(Date.from(now.minusSeconds(600)))),
                "The token expires before it was issued (exp before iat)");
        assertRefused(valid(c -> c.expirationTime(null)), "The token has no expiry (exp)");
        assertRefused(valid(c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))), "The token is not valid yet (nbf)");
    }

    @Test
    void unknownKeysAndKeyIdsAreRejected() throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        assertRefused(sign(claims(c -> {}), stranger, "stranger"), "The token's signature does not verify");
        // Even our own key under a key id the issuer does not publish.
        assertRefused(
                sign(claims(c -> {}), issuer.signingKey(), "unknown-kid"),
                "The token is signed with a key the issuer does not publish");
    }

    @Test
    void aTamperedTokenIsRejected() {
        String[] parts = valid(c -> {}).split("\\.");
        String otherPayload = valid(c -> c.subject("auditor@" + tenant)).split("\\.")[1];
        assertRefused(parts[0] + "." + otherPayload + "." + parts[2], "The token's signature does not verify");
        assertRefused("not-a-jwt", "The token is malformed");
    }

    @Test
    void tokensWithoutAKnownTenantAreRejected() {
        assertRefused(valid(c -> c.claim("tenant", "no-such-school")), "The token's tenant is not known here");
        assertRefused(valid(c -> c.claim("tenant", null)), "The token names no valid tenant or subject");
        assertRefused(valid(c -> c.claim("tenant", "NOT A TENANT")), "The token names no valid tenant or subject");
    }

    @Test
    void rejectedTokensWriteNothing() {
        long events = eventCount();
        client().post()
                .uri("/sessions")
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + new PlainJWT(claims(c -> c.subject("teacher@" + tenant))).serialize())
                .header("Idempotency-Key", newKey())
                .bodyValue(scheduleBody("Forged"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\", error_description=\"The token must be signed with RS256\"")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void noTokenAtAllIsABareChallenge() {
        client().get()
                .uri("/admin/users")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    /** 401 problem+json whose WWW-Authenticate says why (RFC 6750 error_description), and the detail too. */
    private void assertRefused(String token, String description) {
        client().get()
                .uri("/admin/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\", error_description=\"" + description + "\"")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.detail")
                .isEqualTo("The bearer token was refused: " + description);
    }

    /** GET /admin/users as the tenant's admin (unless the token says otherwise). */
    private int status(String token) {
        return client().get()
                .uri("/admin/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectBody()
                .returnResult()
                .getStatus()
                .value();
    }

    private String valid(Consumer<JWTClaimsSet.Builder> change) {
        return sign(claims(change), issuer.signingKey(), issuer.signingKey().getKeyID());
    }

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(DevIssuer.ISSUER)
                .audience("lectern")
                .subject(Role.ADMIN.value() + "@" + tenant)
                .claim("tenant", tenant)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString());
        change.accept(builder);
        return builder.build();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            JWSSigner signer = new RSASSASigner(key);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
