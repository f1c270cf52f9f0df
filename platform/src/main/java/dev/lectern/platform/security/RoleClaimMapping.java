package dev.lectern.platform.security;

import dev.lectern.events.identity.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Tenant-wide roles from the identity provider, for just-in-time provisioning (docs/adr/0027):
 * {@code LECTERN_ROLE_CLAIM} names a claim, as a dotted path into the token ({@code realm_access.roles} for
 * Keycloak realm roles, {@code groups}; a claim whose own name contains dots, such as Auth0's
 * {@code https://lectern.example/roles}, is found under its full name first). Its value is a string or a list
 * of strings; {@code LECTERN_ROLE_MAPPING} ({@code lectern-teacher=teacher,lectern-student=student}) says which
 * values give which Lectern role. Values that are not mapped, and values that are not strings, are ignored.
 * Nothing gives {@code admin} unless the mapping says so explicitly. A mapping that names an unknown role
 * stops the start, with the role in the message.
 */
@Component
class RoleClaimMapping {

    private final String claim;
    private final Map<String, Set<Role>> mapping;

    @Autowired
    RoleClaimMapping(IdentityProperties properties) {
        this(properties.roleClaim(), properties.roleMapping());
    }

    RoleClaimMapping(String claim, String mapping) {
        this.claim = claim;
        this.mapping = parse(mapping);
    }

    static Map<String, Set<Role>> parse(String text) {
        Map<String, Set<Role>> parsed = new HashMap<>();
        if (text == null || text.isBlank()) {
            return parsed;
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.lastIndexOf('=');
            String value = eq < 0 ? "" : pair.substring(0, eq).strip();
            String roleName = eq < 0 ? "" : pair.substring(eq + 1).strip();
            Role role = Role.parse(roleName)
                    .orElseThrow(() -> new IllegalStateException("LECTERN_ROLE_MAPPING must be claim-value=role pairs "
                            + "(roles: admin, teacher, assistant, student, public_viewer, auditor), e.g. "
                            + "lectern-teacher=teacher; not understood: '" + pair.strip() + "'"));
            if (value.isEmpty()) {
                throw new IllegalStateException(
                        "LECTERN_ROLE_MAPPING: a pair without a claim value: '" + pair.strip() + "'");
            }
            parsed.computeIfAbsent(value, v -> EnumSet.noneOf(Role.class)).add(role);
        }
        return parsed;
    }

    /** Whether a role claim is configured at all. */
    boolean configured() {
        return claim != null;
    }

    /**
     * The Lectern roles the token's claim gives, or empty when the token does not carry the claim at all (then
     * roles are not re-synced: a token from a client without the role mapper must not strip anyone's roles).
     */
    Optional<Set<Role>> rolesFrom(Map<String, Object> claims) {
        if (claim == null) {
            return Optional.empty();
        }
        Object value = find(claims, claim);
        if (value == null) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (value instanceof String single) {
            roles.addAll(mapping.getOrDefault(single, Set.of()));
        } else if (value instanceof Collection<?> values) {
            for (Object item : values) {
                if (item instanceof String text) {
                    roles.addAll(mapping.getOrDefault(text, Set.of()));
                }
            }
        }
        return Optional.of(roles);
    }

    /** The roles the mapping can give: the only roles a claim ever grants or takes back. */
    Set<Role> mappedRoles() {
        Set<Role> all = EnumSet.noneOf(Role.class);
        mapping.values().forEach(all::addAll);
        return all;
    }

    private static Object find(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
