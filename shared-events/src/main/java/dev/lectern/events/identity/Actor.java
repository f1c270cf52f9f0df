package dev.lectern.events.identity;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting: the tenant from the verified token, the identity provider's subject, and (when the
 * subject is a user of that tenant) the user and the tenant-wide roles Lectern has granted them.
 * Roles never come from a request body, and not from the token either: {@code user_roles} is the
 * authority, so grants and revocations take effect at once and are audited (docs/adr/0006).
 * {@code displayName} is the person's name as Lectern knows it (the user record, refreshed from the
 * token's {@code name} claim at sign-in, docs/adr/0027); null when Lectern has no name for them.
 */
public record Actor(TenantId tenantId, String subject, UserId userId, Set<Role> roles, String displayName) {

    public Actor {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subject, "subject");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** An actor without a known name (system actors, tests). */
    public Actor(TenantId tenantId, String subject, UserId userId, Set<Role> roles) {
        this(tenantId, subject, userId, roles, null);
    }

    /** What to show for this person: their display name, or their subject when Lectern has none. */
    public String name() {
        return displayName == null || displayName.isBlank() ? subject : displayName;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isKnownUser() {
        return userId != null;
    }
}
