package dev.lectern.platform.operator;

import dev.lectern.command.identity.AuditTrail;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.platform.security.TenantDirectory;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * A new school at run time (docs/adr/0027): the tenant, its first admin and their {@code admin} role, in the
 * write's transaction, with audit rows in the new school's own audit log (its auditors see how it began). The
 * actor there is {@code operator:<tenant>/<subject>}: operators are not people of the new school. Tenants are
 * not cached anywhere (every request reads {@code tenants}), so the school exists on every node at once and
 * its admin can sign in straight away; no restart.
 */
@Service
class TenantCreation {

    private final TenantDirectory directory;
    private final AuditTrail audit;

    TenantCreation(TenantDirectory directory, AuditTrail audit) {
        this.directory = directory;
        this.audit = audit;
    }

    TenantView create(Actor operator, CreateTenantRequest request) {
        TenantId tenant = new TenantId(request.id());
        String name = request.name().strip();
        if (!directory.createTenant(tenant, name)) {
            throw new RequestRejectedException(ErrorCode.ALREADY_EXISTS, "A tenant with this id already exists");
        }
        CreateTenantRequest.FirstAdmin admin = request.firstAdmin();
        String displayName = admin.displayName() == null || admin.displayName().isBlank()
                ? admin.subject()
                : admin.displayName().strip();
        String by = "operator:" + operator.tenantId().value() + "/" + operator.subject();
        Actor actor = new Actor(tenant, by, null, Set.of(), operator.displayName());
        UserId user = UserId.random();
        directory.createUser(tenant, user, admin.subject(), displayName, admin.email());
        directory.ensureUserWithRole(tenant, admin.subject(), displayName, Role.ADMIN, by);
        audit.record(actor, "tenant.created", AuditTrail.DONE, "tenant", tenant.value(), null);
        audit.record(actor, "user.created", AuditTrail.DONE, "user", user.toString(), null);
        audit.record(actor, "role.granted", AuditTrail.DONE, "user", user + "/" + Role.ADMIN.value(), "first admin");
        return new TenantView(
                tenant.value(),
                name,
                new TenantView.Admin(user.toString(), admin.subject(), displayName, admin.email(), List.of("admin")));
    }

    record TenantView(String tenantId, String name, Admin firstAdmin) {

        record Admin(String userId, String subject, String displayName, String email, List<String> roles) {}
    }
}
