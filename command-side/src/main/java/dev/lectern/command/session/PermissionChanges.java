package dev.lectern.command.session;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.identity.AuditTrail;
import dev.lectern.command.identity.UserDirectory;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ChangeSessionPermissionCommand;
import dev.lectern.events.session.RevokeParticipantCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Session-scoped permissions and removals, inside the write's transaction: the user must be of the actor's school,
 * the Session aggregate decides (only the class's teacher or an admin), and every change is audited.
 *
 * <p>A removal is also written to {@code class_revocations}, which the poll gate reads. That row is written here,
 * next to the command, until an event handler of {@code participant.revoked} keeps the table current
 * (docs/adr/0020-thin-controllers-one-write-path.md).
 */
@Service
class PermissionChanges {

    private final CommandDispatcher commands;
    private final AuditTrail audit;
    private final UserDirectory users;
    private final JdbcTemplate jdbc;

    PermissionChanges(CommandDispatcher commands, AuditTrail audit, UserDirectory users, JdbcTemplate jdbc) {
        this.commands = commands;
        this.audit = audit;
        this.users = users;
        this.jdbc = jdbc;
    }

    /** Whether the permission changed (false: the participant already had, or already lacked, it). */
    boolean change(Actor actor, SessionId session, UserId user, SessionPermission permission, boolean grant,
                   String reason, IdempotencyKey key) {
        users.requireUser(actor, user);
        boolean changed = Boolean.TRUE.equals(commands.send(new ChangeSessionPermissionCommand(session, actor, user,
                permission, grant, reason), key));
        if (changed) {
            audit.record(actor, grant ? "permission.granted" : "permission.revoked", AuditTrail.DONE, "session_user",
                    session + "/" + user + "/" + permission.value(), reason);
        }
        return changed;
    }

    /** Whether the participant was removed now (false: already removed). */
    boolean revoke(Actor actor, SessionId session, UserId user, String reason, IdempotencyKey key) {
        users.requireUser(actor, user);
        boolean changed = Boolean.TRUE.equals(commands.send(new RevokeParticipantCommand(session, actor, user, reason), key));
        if (changed) {
            jdbc.update("""
                    INSERT INTO class_revocations (tenant_id, session_id, user_id, revoked_at) VALUES (?, ?, ?, now())
                    ON CONFLICT DO NOTHING""", actor.tenantId().value(), session.value(), user.value());
            audit.record(actor, "participant.revoked", AuditTrail.DONE, "session_user", session + "/" + user, reason);
        }
        return changed;
    }
}
