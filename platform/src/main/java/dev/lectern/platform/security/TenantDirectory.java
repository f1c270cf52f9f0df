package dev.lectern.platform.security;

import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Creates tenants and users idempotently: the bootstrap admin, operators' new tenants and the local development seed. */
@Component
public class TenantDirectory {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    TenantDirectory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void ensureTenant(TenantId tenant, String name) {
        jdbc.update(
                "INSERT INTO tenants (tenant_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                tenant.value(),
                name,
                Timestamp.from(clock.instant()));
    }

    /** Creates the tenant; false when a tenant with this id already exists (nothing changed then). */
    public boolean createTenant(TenantId tenant, String name) {
        return jdbc.update(
                        "INSERT INTO tenants (tenant_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        tenant.value(),
                        name,
                        Timestamp.from(clock.instant()))
                == 1;
    }

    /** A new user of the tenant (an operator's first admin); false when the subject is already a user there. */
    public boolean createUser(TenantId tenant, UserId user, String subject, String displayName, String email) {
        return jdbc.update(
                        """
                INSERT INTO users (tenant_id, user_id, subject, display_name, email, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, subject) DO NOTHING""", tenant.value(), user.value(), subject, displayName, email, Timestamp.from(clock.instant()))
                == 1;
    }

    /**
     * The development seed's people: ensures the user exists with this name and e-mail (updated when the seed
     * changed them) and holds {@code role}, if any.
     */
    void ensureSeededUser(TenantId tenant, String subject, String displayName, String email, Role role) {
        jdbc.update(
                """
                INSERT INTO users (tenant_id, user_id, subject, display_name, email, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, subject) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email
                WHERE users.display_name IS DISTINCT FROM EXCLUDED.display_name
                   OR users.email IS DISTINCT FROM EXCLUDED.email""", tenant.value(), UUID.randomUUID(), subject, displayName, email, Timestamp.from(clock.instant()));
        if (role != null) {
            ensureUserWithRole(tenant, subject, displayName, role, "dev-seed");
        }
    }

    /** Ensures the user exists and holds {@code role}; returns true when the role was newly granted. */
    public boolean ensureUserWithRole(
            TenantId tenant, String subject, String displayName, Role role, String grantedBy) {
        jdbc.update("""
                INSERT INTO users (tenant_id, user_id, subject, display_name, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, subject) DO NOTHING""", tenant.value(), UUID.randomUUID(), subject, displayName, Timestamp.from(clock.instant()));
        if (role == null) {
            return false;
        }
        return jdbc.update("""
                INSERT INTO user_roles (tenant_id, user_id, role, granted_at, granted_by)
                SELECT tenant_id, user_id, ?, ?, ? FROM users WHERE tenant_id = ? AND subject = ?
                ON CONFLICT DO NOTHING""", role.value(), Timestamp.from(clock.instant()), grantedBy, tenant.value(), subject) == 1;
    }
}
