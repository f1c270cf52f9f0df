package dev.lectern.platform.security;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a verified JWT into an {@link Actor}: the tenant from the configured claim (it must be a
 * known tenant), the subject, and the user and roles from {@code users}/{@code user_roles}. Roles
 * are read on every request, so a revocation takes effect at once. A subject unknown to the tenant
 * is authenticated but has no roles. If the database cannot answer, the request fails with 503:
 * identity is a kill-switch dependency.
 */
@Component
class ActorResolver implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final DatabaseClient db;
    private final IdentityProperties properties;

    ActorResolver(DatabaseClient db, IdentityProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        String claim = jwt.getClaimAsString(properties.tenantClaim());
        String subject = jwt.getSubject();
        if (!TenantId.isValid(claim) || subject == null || subject.isBlank() || subject.length() > 255) {
            return Mono.error(new UnknownTenantException("The token names no valid tenant or subject"));
        }
        return resolve(new TenantId(claim), subject).map(actor -> new ActorAuthentication(jwt, actor));
    }

    /** The actor for a verified (tenant, subject): from a token's claims, or from a stream ticket's row. */
    Mono<Actor> resolve(TenantId tenant, String subject) {
        return db.sql("""
                        SELECT u.user_id, coalesce(string_agg(r.role, ','), '') AS roles
                        FROM tenants t
                        LEFT JOIN users u ON u.tenant_id = t.tenant_id AND u.subject = :subject
                        LEFT JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.user_id
                        WHERE t.tenant_id = :tenant
                        GROUP BY u.user_id""")
                .bind("tenant", tenant.value())
                .bind("subject", subject)
                .map((row, meta) -> {
                    UUID user = row.get("user_id", UUID.class);
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    Arrays.stream(row.get("roles", String.class).split(","))
                            .map(Role::parse)
                            .flatMap(Optional::stream)
                            .forEach(roles::add);
                    return new Actor(tenant, subject, user == null ? null : new UserId(user), roles);
                })
                .one()
                .switchIfEmpty(Mono.error(() -> new UnknownTenantException("The token's tenant is not known here")));
    }
}
