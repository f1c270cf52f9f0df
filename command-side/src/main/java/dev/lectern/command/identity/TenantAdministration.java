package dev.lectern.command.identity;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The use cases of a school's admin (seed 002 step 5): users, role grants and revocations, tenant domains, each
 * change with its audit row. Runs inside the write's transaction (docs/adr/0020-thin-controllers-one-write-path.md),
 * always within the actor's own tenant. The policy that a school keeps at least one admin lives here.
 */
@Service
class TenantAdministration {

    private final UserDirectory users;
    private final UserRoles roles;
    private final TenantDomains domains;
    private final AuditTrail audit;

    TenantAdministration(UserDirectory users, UserRoles roles, TenantDomains domains, AuditTrail audit) {
        this.users = users;
        this.roles = roles;
        this.domains = domains;
        this.audit = audit;
    }

    UserView createUser(Actor actor, CreateUserRequest request) {
        UserId userId = UserId.random();
        String displayName = request.displayName().strip();
        users.create(actor, userId, request.subject(), displayName, request.email());
        audit.record(actor, "user.created", AuditTrail.DONE, "user", userId.toString(), null);
        return new UserView(userId.toString(), request.subject(), displayName, request.email(), List.of());
    }

    RoleChangeView grantRole(Actor actor, UserId user, Role role, String reason) {
        users.requireUser(actor, user);
        boolean changed = roles.grant(actor, user, role);
        if (changed) {
            audit.record(actor, "role.granted", AuditTrail.DONE, "user", user + "/" + role.value(), reason);
        }
        return new RoleChangeView(user.toString(), role.value(), changed, roles.of(actor, user));
    }

    /** The school's last admin keeps the admin role ({@code LAST_ADMIN}): grant it to someone else first. */
    RoleChangeView revokeRole(Actor actor, UserId user, Role role, String reason) {
        users.requireUser(actor, user);
        if (role == Role.ADMIN) {
            List<UUID> admins = roles.lockAdmins(actor);
            if (admins.size() == 1 && admins.get(0).equals(user.value())) {
                throw new RequestRejectedException(
                        ErrorCode.LAST_ADMIN, "This is the tenant's last admin; grant admin to someone else first");
            }
        }
        boolean changed = roles.revoke(actor, user, role);
        if (changed) {
            audit.record(actor, "role.revoked", AuditTrail.DONE, "user", user + "/" + role.value(), reason);
        }
        return new RoleChangeView(user.toString(), role.value(), changed, roles.of(actor, user));
    }

    DomainView addDomain(Actor actor, String domain) {
        domains.add(actor, domain);
        audit.record(actor, "tenant_domain.added", AuditTrail.DONE, "tenant_domain", domain, null);
        return new DomainView(domain, actor.tenantId().value());
    }

    DomainView removeDomain(Actor actor, String domain) {
        if (!domains.remove(actor, domain)) {
            throw new RequestRejectedException(ErrorCode.NOT_FOUND, "No such domain in this tenant");
        }
        audit.record(actor, "tenant_domain.removed", AuditTrail.DONE, "tenant_domain", domain, null);
        return new DomainView(domain, actor.tenantId().value());
    }

    record UserView(String userId, String subject, String displayName, String email, List<String> roles) {}

    /** {@code changed} is false when the user already had (or already lacked) the role: said, not silent. */
    record RoleChangeView(String userId, String role, boolean changed, List<String> roles) {}

    record DomainView(String domain, String tenantId) {}
}
