package dev.lectern.platform.security;

import dev.lectern.command.identity.AuditTrail;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a sign-in writes, when it must write (docs/adr/0027): the user record's name and e-mail from the token
 * when they changed, the user itself on a first sign-in with just-in-time provisioning, and the roles mapped
 * from the role claim. One transaction per sign-in, each change with its audit row. Every statement is an
 * idempotent upsert, so two first requests at once create one user and grant each role once: the unique
 * {@code (tenant_id, subject)} of {@code users} and the key of {@code user_roles} decide, and the loser changes
 * nothing. Blocking (JDBC): the resolver calls it off the event loop, and only when something changed.
 */
@Component
class SignIns {

    /** {@code user_roles.granted_by} of a role the role claim granted: the only grants the claim takes back. */
    static final String CLAIM_GRANT = "idp-claim";

    private static final Logger log = LoggerFactory.getLogger(SignIns.class);

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SignIns(JdbcTemplate jdbc, AuditTrail audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * @param provision  create the user if the tenant has no such subject (JIT provisioning on)
     * @param claimRoles the roles the role claim gives, or empty: leave roles alone
     * @param mapped     every role the mapping can give (what a claim may take back)
     * @param claimName  the role claim's name, for the audit rows' reason
     */
    void signIn(
            TenantId tenant,
            String subject,
            TokenProfile profile,
            boolean provision,
            Optional<Set<Role>> claimRoles,
            Set<Role> mapped,
            String claimName) {
        transaction.executeWithoutResult(status -> {
            if (provision) {
                provision(tenant, subject, profile);
            }
            List<UUID> found = jdbc.queryForList(
                    "SELECT user_id FROM users WHERE tenant_id = ? AND subject = ?",
                    UUID.class,
                    tenant.value(),
                    subject);
            if (found.isEmpty()) {
                return;
            }
            UserId user = new UserId(found.get(0));
            refreshProfile(tenant, user, profile);
            claimRoles.ifPresent(roles -> syncRoles(tenant, subject, user, profile, roles, mapped, claimName));
        });
    }

    private void provision(TenantId tenant, String subject, TokenProfile profile) {
        UserId user = UserId.random();
        String name = profile.displayName() != null ? profile.displayName() : fallbackName(subject);
        int created = jdbc.update(
                """
                        INSERT INTO users (tenant_id, user_id, subject, display_name, email, created_at)
                        SELECT tenant_id, ?, ?, ?, ?, ? FROM tenants WHERE tenant_id = ?
                        ON CONFLICT (tenant_id, subject) DO NOTHING""", user.value(), subject, name, profile.email(), Timestamp.from(clock.instant()), tenant.value());
        if (created == 1) {
            audit.record(
                    new Actor(tenant, subject, user, Set.of(), name),
                    "user.created",
                    AuditTrail.DONE,
                    "user",
                    user.toString(),
                    "LECTERN_JIT_PROVISIONING");
            log.info("JIT provisioning: created user {} ({}) in tenant {}", user, subject, tenant);
        }
    }

    private void refreshProfile(TenantId tenant, UserId user, TokenProfile profile) {
        if (profile.displayName() == null && profile.email() == null) {
            return;
        }
        // Absent claims never clear what the record holds (an admin may have entered it).
        jdbc.update(
                """
                        UPDATE users SET display_name = coalesce(?, display_name), email = coalesce(?, email)
                        WHERE tenant_id = ? AND user_id = ?
                          AND (display_name IS DISTINCT FROM coalesce(?, display_name)
                               OR email IS DISTINCT FROM coalesce(?, email))""",
                profile.displayName(),
                profile.email(),
                tenant.value(),
                user.value(),
                profile.displayName(),
                profile.email());
    }

    private void syncRoles(
            TenantId tenant,
            String subject,
            UserId user,
            TokenProfile profile,
            Set<Role> wanted,
            Set<Role> mapped,
            String claimName) {
        Actor self = new Actor(tenant, subject, user, Set.of(), profile.displayName());
        String reason = "LECTERN_ROLE_CLAIM " + claimName;
        for (Role role : mapped) { // EnumSet: enum order, so concurrent sign-ins lock rows in one order
            if (wanted.contains(role)) {
                int granted = jdbc.update(
                        """
                                INSERT INTO user_roles (tenant_id, user_id, role, granted_at, granted_by)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", tenant.value(), user.value(), role.value(), Timestamp.from(clock.instant()), CLAIM_GRANT);
                if (granted == 1) {
                    audit.record(self, "role.granted", AuditTrail.DONE, "user", user + "/" + role.value(), reason);
                }
            } else if (holdsFromClaim(tenant, user, role) && !lastAdmin(tenant, user, role)) {
                int revoked = jdbc.update(
                        "DELETE FROM user_roles WHERE tenant_id = ? AND user_id = ? AND role = ? AND granted_by = ?",
                        tenant.value(),
                        user.value(),
                        role.value(),
                        CLAIM_GRANT);
                if (revoked == 1) {
                    audit.record(self, "role.revoked", AuditTrail.DONE, "user", user + "/" + role.value(), reason);
                }
            }
        }
    }

    private boolean holdsFromClaim(TenantId tenant, UserId user, Role role) {
        Integer held = jdbc.queryForObject(
                "SELECT count(*) FROM user_roles WHERE tenant_id = ? AND user_id = ? AND role = ? AND granted_by = ?",
                Integer.class,
                tenant.value(),
                user.value(),
                role.value(),
                CLAIM_GRANT);
        return held != null && held > 0;
    }

    /** The school keeps its last admin, whatever the claim says (the same rule as the admin endpoints). */
    private boolean lastAdmin(TenantId tenant, UserId user, Role role) {
        if (role != Role.ADMIN) {
            return false;
        }
        List<UUID> admins = jdbc.queryForList(
                "SELECT user_id FROM user_roles WHERE tenant_id = ? AND role = 'admin' ORDER BY user_id FOR UPDATE",
                UUID.class,
                tenant.value());
        boolean last = admins.size() == 1 && admins.get(0).equals(user.value());
        if (last) {
            log.warn(
                    "Role claim no longer gives {} the role admin of tenant {}, but it is the tenant's last admin: kept",
                    user,
                    tenant);
        }
        return last;
    }

    /** A display name for a user whose token carries no usable name: their subject, cut to fit. */
    static String fallbackName(String subject) {
        String name = TokenProfile.name(subject);
        return name == null ? "?" : name;
    }
}
