package dev.lectern.command.identity;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code user_roles} table of the actor's school: grants, revocations and who holds admin. */
@Component
class UserRoles {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    UserRoles(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the user did not have the role before. */
    boolean grant(Actor actor, UserId user, Role role) {
        return jdbc.update(
                        """
                        INSERT INTO user_roles (tenant_id, user_id, role, granted_at, granted_by)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                        actor.tenantId().value(),
                        user.value(),
                        role.value(),
                        Timestamp.from(clock.instant()),
                        actor.subject())
                == 1;
    }

    /** Whether the user had the role before. */
    boolean revoke(Actor actor, UserId user, Role role) {
        return jdbc.update(
                        "DELETE FROM user_roles WHERE tenant_id = ? AND user_id = ? AND role = ?",
                        actor.tenantId().value(),
                        user.value(),
                        role.value())
                == 1;
    }

    /**
     * The school's admins, their rows locked until the transaction ends, so that two admins cannot remove
     * each other at once.
     */
    List<UUID> lockAdmins(Actor actor) {
        return jdbc.queryForList(
                "SELECT user_id FROM user_roles WHERE tenant_id = ? AND role = 'admin' FOR UPDATE",
                UUID.class,
                actor.tenantId().value());
    }

    List<String> of(Actor actor, UserId user) {
        return jdbc.queryForList(
                "SELECT role FROM user_roles WHERE tenant_id = ? AND user_id = ? ORDER BY role",
                String.class,
                actor.tenantId().value(),
                user.value());
    }
}
