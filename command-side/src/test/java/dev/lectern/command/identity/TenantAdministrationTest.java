package dev.lectern.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantAdministrationTest {

    private final UserDirectory users = mock(UserDirectory.class);
    private final UserRoles roles = mock(UserRoles.class);
    private final TenantDomains domains = mock(TenantDomains.class);
    private final AuditTrail audit = mock(AuditTrail.class);
    private final TenantAdministration administration = new TenantAdministration(users, roles, domains, audit);

    private final UserId self = UserId.random();
    private final Actor admin = new Actor(TenantId.of("north-high"), "admin-1", self, Set.of(Role.ADMIN));

    @Test
    void theLastAdminCannotLoseTheAdminRole() {
        when(roles.lockAdmins(admin)).thenReturn(List.of(self.value()));

        assertThatThrownBy(() -> administration.revokeRole(admin, self, Role.ADMIN, null))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.LAST_ADMIN));
        verify(roles, never()).revoke(any(), any(), any());
        verify(audit, never()).record(any(), anyString(), anyString(), anyString(), anyString(), any());
    }

    @Test
    void anAdminCanLoseTheAdminRoleWhileAnotherAdminRemains() {
        UserId other = UserId.random();
        when(roles.lockAdmins(admin)).thenReturn(List.of(self.value(), other.value()));
        when(roles.revoke(admin, self, Role.ADMIN)).thenReturn(true);
        when(roles.of(admin, self)).thenReturn(List.of());

        TenantAdministration.RoleChangeView view = administration.revokeRole(admin, self, Role.ADMIN, "handover");

        assertThat(view.changed()).isTrue();
        assertThat(view.roles()).isEmpty();
        verify(audit).record(admin, "role.revoked", AuditTrail.DONE, "user", self + "/admin", "handover");
    }

    @Test
    void theLastAdminMayLoseAnotherRole() {
        when(roles.revoke(admin, self, Role.TEACHER)).thenReturn(true);
        when(roles.of(admin, self)).thenReturn(List.of("admin"));

        assertThat(administration.revokeRole(admin, self, Role.TEACHER, null).changed())
                .isTrue();
        verify(roles, never()).lockAdmins(any());
    }

    @Test
    void revokingARoleNobodyHadChangesNothingAndSaysSo() {
        UserId student = UserId.random();
        when(roles.lockAdmins(admin)).thenReturn(List.of(self.value()));
        when(roles.revoke(admin, student, Role.ADMIN)).thenReturn(false);
        when(roles.of(admin, student)).thenReturn(List.of("student"));

        TenantAdministration.RoleChangeView view = administration.revokeRole(admin, student, Role.ADMIN, null);

        assertThat(view.changed()).isFalse();
        verify(audit, never()).record(any(), anyString(), anyString(), anyString(), anyString(), any());
    }

    @Test
    void aUserOfAnotherSchoolIsNotFound() {
        UserId stranger = UserId.random();
        org.mockito.Mockito.doThrow(new RequestRejectedException(ErrorCode.USER_NOT_FOUND, "No user"))
                .when(users)
                .requireUser(admin, stranger);

        assertThatThrownBy(() -> administration.revokeRole(admin, stranger, Role.ADMIN, null))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
        verify(roles, never()).lockAdmins(any());
        verify(roles, never()).revoke(eq(admin), any(), any());
    }
}
