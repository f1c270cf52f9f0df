package dev.lectern.platform.security;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.input.FreeText;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a verified JWT into an {@link Actor}: the tenant from the configured claim (it must be a
 * known tenant), the subject, and the user, their name and roles from {@code users}/{@code user_roles}.
 * Roles are read on every request, so a revocation takes effect at once. A subject unknown to the tenant
 * is authenticated but has no roles, unless just-in-time provisioning is on: then the first sign-in
 * creates the user (docs/adr/0027). The token's name and e-mail claims refresh the user record, and with
 * JIT provisioning the role claim re-syncs the roles it maps; both only when something changed
 * ({@link SignIns}, off the event loop). If the database cannot answer, the request fails with 503:
 * identity is a kill-switch dependency.
 */
@Component
class ActorResolver implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final DatabaseClient db;
    private final IdentityProperties properties;
    private final RoleClaimMapping roleClaim;
    private final SignIns signIns;

    ActorResolver(DatabaseClient db, IdentityProperties properties, RoleClaimMapping roleClaim, SignIns signIns) {
        this.db = db;
        this.properties = properties;
        this.roleClaim = roleClaim;
        this.signIns = signIns;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        Object claim = jwt.getClaims().get(properties.tenantClaim());
        String subject = jwt.getSubject();
        if (!(claim instanceof String tenantId)
                || !TenantId.isValid(tenantId)
                || subject == null
                || subject.isBlank()
                || subject.length() > 255
                || FreeText.problem(subject, false) != null) {
            return Mono.error(new UnknownTenantException("The token names no valid tenant or subject"));
        }
        TenantId tenant = new TenantId(tenantId);
        TokenProfile profile = TokenProfile.of(jwt.getClaims());
        Optional<Set<Role>> claimRoles =
                properties.jitProvisioning() ? roleClaim.rolesFrom(jwt.getClaims()) : Optional.empty();
        return lookup(tenant, subject)
                .flatMap(known -> {
                    if (!needsSignIn(known, profile, claimRoles)) {
                        return Mono.just(known);
                    }
                    return Mono.fromRunnable(() -> signIns.signIn(
                                    tenant,
                                    subject,
                                    profile,
                                    properties.jitProvisioning(),
                                    claimRoles,
                                    roleClaim.mappedRoles(),
                                    properties.roleClaim()))
                            .subscribeOn(Schedulers.boundedElastic())
                            .then(lookup(tenant, subject));
                })
                .map(known -> new ActorAuthentication(jwt, known.actor(tenant, subject)));
    }

    /** The actor for a verified (tenant, subject) without a token's claims: a stream ticket's row (no sign-in). */
    Mono<Actor> resolve(TenantId tenant, String subject) {
        return lookup(tenant, subject).map(known -> known.actor(tenant, subject));
    }

    private boolean needsSignIn(Known known, TokenProfile profile, Optional<Set<Role>> claimRoles) {
        if (known.userId() == null) {
            return properties.jitProvisioning();
        }
        if (profile.displayName() != null && !profile.displayName().equals(known.displayName())) {
            return true;
        }
        if (profile.email() != null && !profile.email().equals(known.email())) {
            return true;
        }
        if (claimRoles.isEmpty()) {
            return false;
        }
        Set<Role> wanted = claimRoles.get();
        return !known.roles().containsAll(wanted)
                || known.claimGranted().stream().anyMatch(r -> !wanted.contains(r));
    }

    /** The tenant's row and, when the subject is a user there, the user with their name and roles. */
    private Mono<Known> lookup(TenantId tenant, String subject) {
        return db.sql("""
                        SELECT u.user_id, u.display_name, u.email,
                               coalesce(string_agg(r.role, ','), '') AS roles,
                               coalesce(string_agg(r.role, ',') FILTER (WHERE r.granted_by = :claim), '') AS claimed
                        FROM tenants t
                        LEFT JOIN users u ON u.tenant_id = t.tenant_id AND u.subject = :subject
                        LEFT JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.user_id
                        WHERE t.tenant_id = :tenant
                        GROUP BY u.user_id, u.display_name, u.email""")
                .bind("tenant", tenant.value())
                .bind("subject", subject)
                .bind("claim", SignIns.CLAIM_GRANT)
                .map((row, meta) -> new Known(
                        row.get("user_id", UUID.class),
                        row.get("display_name", String.class),
                        row.get("email", String.class),
                        roles(row.get("roles", String.class)),
                        roles(row.get("claimed", String.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> new UnknownTenantException("The token's tenant is not known here")));
    }

    private static Set<Role> roles(String joined) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : Objects.requireNonNullElse(joined, "").split(",")) {
            Role.parse(name).ifPresent(roles::add);
        }
        return roles;
    }

    private record Known(UUID userId, String displayName, String email, Set<Role> roles, Set<Role> claimGranted) {

        Actor actor(TenantId tenant, String subject) {
            return new Actor(tenant, subject, userId == null ? null : new UserId(userId), roles, displayName);
        }
    }
}
