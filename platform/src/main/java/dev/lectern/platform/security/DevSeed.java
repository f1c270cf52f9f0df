package dev.lectern.platform.security;

import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Local development data (profile {@code local} only): two schools, {@code north-high} and
 * {@code south-high}, each with one user per role, subject {@code <role>@<tenant>} (e.g.
 * {@code teacher@north-high}), and {@code nobody@<tenant>} who has no role.
 */
@Component
@Profile("local")
class DevSeed implements ApplicationRunner {

    static final Map<String, String> TENANTS =
            Map.of("north-high", "North High School", "south-high", "South High School");

    private final TenantDirectory directory;

    DevSeed(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) {
        TENANTS.forEach((id, name) -> {
            TenantId tenant = new TenantId(id);
            directory.ensureTenant(tenant, name);
            for (Role role : Role.values()) {
                directory.ensureUserWithRole(
                        tenant, role.value() + "@" + id, role.value() + " of " + name, role, "dev-seed");
            }
            directory.ensureUserWithRole(tenant, "nobody@" + id, "No role at " + name, null, "dev-seed");
        });
    }
}
