package dev.lectern.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.platform.web.ProblemWebExceptionHandler;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

/**
 * Every endpoint needs a bearer token except health, the development issuer and the web client's static files (a class stream also takes
 * a stream ticket, and browsers' CORS preflights are answered before any of this: docs/adr/0024-browser-access.md). Tokens are verified
 * against the issuer's keys only (RS256, key chosen by {@code kid}), and must carry the right
 * {@code iss} and {@code aud}, an {@code exp} in the future and no {@code nbf} in the future
 * (60 s clock skew). Identity is a kill-switch: without an issuer (and outside the local profile)
 * Lectern refuses to start.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(IdentityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityWebFilterChain securityFilterChain(
            ServerHttpSecurity http,
            ReactiveJwtDecoder decoder,
            ActorResolver actors,
            ProblemWebExceptionHandler problems,
            IdentityProperties identity,
            CorsConfigurationSource cors,
            StreamTicketAuthentication streamTickets) {
        String expectedIssuer = identity.hasIssuer() ? identity.issuerUri() : DevIssuer.ISSUER;
        ServerAuthenticationEntryPoint unauthenticated = (exchange, failure) -> {
            String token = bearer(exchange);
            if (!(failure instanceof OAuth2AuthenticationException) || token == null) {
                exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                return problems.handle(
                        exchange,
                        new RequestRejectedException(
                                ErrorCode.UNAUTHENTICATED,
                                "Send a valid bearer token (Authorization: Bearer <access token>)"));
            }
            // Refused tokens say why (RFC 6750 error_description) and are logged once: never the token itself.
            TokenRefusal refusal = TokenRefusal.of(
                    (OAuth2AuthenticationException) failure, token, expectedIssuer, identity.audience());
            log.info(
                    "Bearer token refused on {} {}: {} ({}); {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    refusal.reason(),
                    refusal.description(),
                    TokenRefusal.claimed(token));
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, refusal.wwwAuthenticate());
            return problems.handle(
                    exchange,
                    new RequestRejectedException(
                            ErrorCode.UNAUTHENTICATED, "The bearer token was refused: " + refusal.description()));
        };
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                // Before authentication: a preflight carries no credentials (docs/adr/0024-browser-access.md).
                .cors(spec -> spec.configurationSource(cors))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // Only mapped with the local profile; without it nothing answers there (404).
                        .pathMatchers("/dev/jwks.json", "/dev/tokens")
                        .permitAll()
                        // The reference web client's static files (docs/web-client.md, ADR 0028): it holds no data.
                        .pathMatchers(HttpMethod.GET, "/", "/index.html", "/app/**")
                        .permitAll()
                        // Signed by LiveKit (verified on the exact body by its WebhookReceiver), not by a user's token.
                        .pathMatchers(HttpMethod.POST, "/webhooks/livekit")
                        .permitAll()
                        // The API description and its UI are public (docs/api.md).
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // Metrics describe the whole platform, not one school: admins only.
                        .pathMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .anyExchange()
                        .authenticated())
                // A class stream opened by a browser's EventSource: ?ticket= instead of a bearer token.
                .addFilterAt(streamTickets.filter(problems), SecurityWebFiltersOrder.AUTHENTICATION)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(actors))
                        .authenticationEntryPoint(unauthenticated))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((exchange, denied) -> problems.handle(
                                exchange,
                                new RequestRejectedException(ErrorCode.FORBIDDEN, "This needs the role: admin"))))
                .build();
    }

    /** {@code LECTERN_ALLOWED_ORIGINS}, checked at startup; localhost too with the local profile. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${lectern.cors.allowed-origins:}") String allowedOrigins, Environment environment) {
        return CorsPolicy.source(allowedOrigins, environment.acceptsProfiles(Profiles.of("local")));
    }

    /**
     * Requests the security firewall refuses (an encoded NUL or a path that walks up, anywhere in the URL)
     * get the same problem+json as every other client mistake instead of an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests(ProblemWebExceptionHandler problems) {
        return (exchange, rejected) -> problems.handle(
                exchange,
                new RequestRejectedException(
                        ErrorCode.MALFORMED_REQUEST,
                        "The request's URL holds characters Lectern does not accept (an encoded NUL, or a path that"
                                + " walks up)"));
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(IdentityProperties identity, ObjectProvider<DevIssuer> devIssuer) {
        NimbusReactiveJwtDecoder decoder;
        String issuer;
        if (identity.hasIssuer()) {
            issuer = identity.issuerUri();
            decoder = IdentityProperties.blank(identity.jwkSetUri())
                    ? NimbusReactiveJwtDecoder.withIssuerLocation(issuer)
                            .jwsAlgorithm(SignatureAlgorithm.RS256)
                            .build()
                    : NimbusReactiveJwtDecoder.withJwkSetUri(identity.jwkSetUri())
                            .jwsAlgorithm(SignatureAlgorithm.RS256)
                            .build();
        } else {
            DevIssuer dev = devIssuer.getIfAvailable();
            if (dev == null) {
                throw new IllegalStateException(
                        "OIDC_ISSUER_URI is required: Lectern does not start without an identity "
                                + "provider (for local development only, run with --spring.profiles.active=local)");
            }
            issuer = DevIssuer.ISSUER;
            // One key, converted once (resolving the JWK per request decoded its Base64 modulus every
            // time: the largest item in a join-storm CPU profile). The kid is enforced by the validator.
            RSAKey key = dev.publicKeys().getKeys().get(0).toRSAKey();
            try {
                decoder = NimbusReactiveJwtDecoder.withPublicKey(key.toRSAPublicKey())
                        .signatureAlgorithm(SignatureAlgorithm.RS256)
                        .build();
            } catch (JOSEException e) {
                throw new IllegalStateException("development signing key is not an RSA key", e);
            }
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    validator(issuer, identity.audience()), keyId(key.getKeyID())));
            return decoder;
        }
        decoder.setJwtValidator(validator(issuer, identity.audience()));
        return identityUnavailableAsItsOwnProblem(decoder, issuer);
    }

    /**
     * A token that cannot be checked because the identity provider's keys cannot be fetched (down,
     * unreachable, answering 5xx) is not a bad token and not a database outage: 503
     * {@code IDENTITY_UNAVAILABLE} with Retry-After, for every authenticated request. Anything the
     * decoder calls a bad token (BadJwtException: malformed, bad signature, failed validation) stays a 401.
     */
    static ReactiveJwtDecoder identityUnavailableAsItsOwnProblem(ReactiveJwtDecoder decoder, String issuer) {
        return token -> decoder.decode(token).onErrorMap(e -> !(e instanceof BadJwtException), e -> {
            log.warn("Identity provider {} unavailable: cannot fetch its signing keys ({})", issuer, e.toString());
            return new RequestRejectedException(
                    ErrorCode.IDENTITY_UNAVAILABLE,
                    "The identity provider cannot be reached to verify your token; nothing was done. Retry shortly.");
        });
    }

    private static String bearer(org.springframework.web.server.ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
    }

    /** Only tokens signed under the issuer's published key id. */
    static OAuth2TokenValidator<Jwt> keyId(String kid) {
        OAuth2Error unknownKey = new OAuth2Error("invalid_token", TokenRefusal.UNKNOWN_KEY_DESCRIPTION, null);
        return jwt -> kid.equals(jwt.getHeaders().get("kid"))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(unknownKey);
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
    }
}
