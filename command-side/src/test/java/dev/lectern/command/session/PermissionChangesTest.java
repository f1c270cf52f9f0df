package dev.lectern.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.identity.AuditTrail;
import dev.lectern.command.identity.UserDirectory;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.RevokeParticipantCommand;
import dev.lectern.events.session.SessionId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionChangesTest {

    private final CommandDispatcher commands = mock(CommandDispatcher.class);
    private final AuditTrail audit = mock(AuditTrail.class);
    private final UserDirectory users = mock(UserDirectory.class);
    private final PermissionChanges permissions = new PermissionChanges(commands, audit, users);

    private final Actor teacher =
            new Actor(TenantId.of("north-high"), "teacher-1", UserId.random(), Set.of(Role.TEACHER));
    private final SessionId session = SessionId.random();
    private final UserId student = UserId.random();
    private final IdempotencyKey key = IdempotencyKey.require("k-1");

    @Test
    void aRemovalIsAudited() {
        when(commands.send(new RevokeParticipantCommand(session, teacher, student, "disruptive"), key))
                .thenReturn(Boolean.TRUE);

        assertThat(permissions.revoke(teacher, session, student, "disruptive", key))
                .isTrue();

        verify(audit)
                .record(
                        teacher,
                        "participant.revoked",
                        AuditTrail.DONE,
                        "session_user",
                        session + "/" + student,
                        "disruptive");
    }

    @Test
    void aRepeatedRemovalWritesNothingMore() {
        when(commands.send(new RevokeParticipantCommand(session, teacher, student, null), key))
                .thenReturn(Boolean.FALSE);

        assertThat(permissions.revoke(teacher, session, student, null, key)).isFalse();

        verify(audit, never()).record(any(), anyString(), anyString(), anyString(), anyString(), any());
    }
}
