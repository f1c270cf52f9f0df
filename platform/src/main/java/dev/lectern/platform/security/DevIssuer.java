package dev.lectern.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lectern.events.identity.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A development token issuer, for local runs only: exists only with the {@code local} profile, and
 * says so loudly at startup. Its RSA key lives in the data folder (so tokens survive restarts), its
 * public keys are served at {@code /dev/jwks.json}, and {@code POST /dev/tokens} mints a token for a
 * user who exists in a tenant. Never used when {@code OIDC_ISSUER_URI} is set.
 */
@Component
@Profile("local")
public class DevIssuer {

    public static final String ISSUER = "urn:lectern:dev-issuer";
    private static final Logger log = LoggerFactory.getLogger(DevIssuer.class);

    private final RSAKey key;
    private final IdentityProperties properties;
    private final Clock clock;

    DevIssuer(@Value("${lectern.data-dir:.lectern-data}") String dataDir, IdentityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = loadOrCreate(
                Path.of(dataDir).toAbsolutePath().resolve("dev-issuer").resolve("signing-key.json"));
        log.warn("""

                *****************************************************************************
                *  DEVELOPMENT TOKEN ISSUER ACTIVE (profile 'local'): anyone who can reach   *
                *  this port can mint tokens with POST /dev/tokens. Never run it in          *
                *  production: set OIDC_ISSUER_URI and do not activate the 'local' profile.  *
                *****************************************************************************""");
    }

    private static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey generated = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID("dev-" + UUID.randomUUID())
                    .generate();
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the development signing key at " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Invalid development signing key at " + file, e);
        }
    }

    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** The private key, for tests that must forge tokens this issuer would never mint. */
    public RSAKey signingKey() {
        return key;
    }

    public String mint(TenantId tenant, String subject, Duration ttl) {
        return mint(tenant, subject, ttl, java.util.Map.of());
    }

    /**
     * A token with further claims ({@code name}, {@code email}, {@code preferred_username}, a role claim...), as
     * an identity provider would add them; they cannot replace the issuer, audience, subject, tenant or times.
     */
    public String mint(TenantId tenant, String subject, Duration ttl, java.util.Map<String, Object> extra) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        extra.forEach(builder::claim);
        JWTClaimsSet claims = builder.issuer(ISSUER)
                .audience(properties.audience())
                .subject(subject)
                .claim(properties.tenantClaim(), tenant.value())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return jwt.serialize();
    }
}
