package dev.lectern.platform.security;

import dev.lectern.command.identity.AuditTrail;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first admin of a school: {@code LECTERN_BOOTSTRAP_ADMIN=north-high:alice@example.edu} creates
 * the tenant if missing and makes that subject its admin (audited, actor {@code bootstrap}). Running
 * it again changes nothing.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final IdentityProperties properties;
    private final TenantDirectory directory;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    BootstrapAdmin(
            IdentityProperties properties,
            TenantDirectory directory,
            AuditTrail audit,
            PlatformTransactionManager transactionManager) {
        this.properties = properties;
        this.directory = directory;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        String spec = properties.bootstrapAdmin();
        if (IdentityProperties.blank(spec)) {
            return;
        }
        String[] parts = spec.split(":", 2);
        if (parts.length != 2 || !TenantId.isValid(parts[0]) || parts[1].isBlank() || parts[1].length() > 255) {
            throw new IllegalStateException(
                    "LECTERN_BOOTSTRAP_ADMIN must be <tenant-id>:<subject>, e.g. north-high:alice@example.edu");
        }
        TenantId tenant = new TenantId(parts[0]);
        transaction.executeWithoutResult(status -> {
            directory.ensureTenant(tenant, tenant.value());
            if (directory.ensureUserWithRole(tenant, parts[1], parts[1], Role.ADMIN, "bootstrap")) {
                audit.record(
                        new Actor(tenant, "bootstrap", null, Set.of()),
                        "role.granted",
                        AuditTrail.DONE,
                        "user",
                        parts[1] + "/admin",
                        "LECTERN_BOOTSTRAP_ADMIN");
                log.info("Bootstrap: {} is now an admin of tenant {}", parts[1], tenant);
            }
        });
    }
}
