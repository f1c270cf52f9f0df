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
import org.springframework.stereotype.Service;

/**
 * Session-scoped permissions and removals, inside the write's transaction: the user must be of the actor's school,
 * the Session aggregate decides (only the class's teacher or an admin), and every change is audited.
 * The write-side table {@code class_revocations} is kept by an event handler of {@code participant.revoked}
 * in the same unit of work (docs/adr/0021-write-side-tables-fed-by-events.md).
 */
@Service
class PermissionChanges {

    private final CommandDispatcher commands;
    private final AuditTrail audit;
    private final UserDirectory users;

    PermissionChanges(CommandDispatcher commands, AuditTrail audit, UserDirectory users) {
        this.commands = commands;
        this.audit = audit;
        this.users = users;
    }

    /** Whether the permission changed (false: the participant already had, or already lacked, it). */
    boolean change(
            Actor actor,
            SessionId session,
            UserId user,
            SessionPermission permission,
            boolean grant,
            String reason,
            IdempotencyKey key) {
        users.requireUser(actor, user);
        boolean changed = Boolean.TRUE.equals(commands.send(
                new ChangeSessionPermissionCommand(session, actor, user, permission, grant, reason), key));
        if (changed) {
            audit.record(
                    actor,
                    grant ? "permission.granted" : "permission.revoked",
                    AuditTrail.DONE,
                    "session_user",
                    session + "/" + user + "/" + permission.value(),
                    reason);
        }
        return changed;
    }

    /** Whether the participant was removed now (false: already removed). */
    boolean revoke(Actor actor, SessionId session, UserId user, String reason, IdempotencyKey key) {
        users.requireUser(actor, user);
        boolean changed =
                Boolean.TRUE.equals(commands.send(new RevokeParticipantCommand(session, actor, user, reason), key));
        if (changed) {
            audit.record(actor, "participant.revoked", AuditTrail.DONE, "session_user", session + "/" + user, reason);
        }
        return changed;
    }
}
