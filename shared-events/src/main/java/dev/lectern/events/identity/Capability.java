package dev.lectern.events.identity;

import static dev.lectern.events.identity.Role.ADMIN;
import static dev.lectern.events.identity.Role.ASSISTANT;
import static dev.lectern.events.identity.Role.AUDITOR;
import static dev.lectern.events.identity.Role.PUBLIC_VIEWER;
import static dev.lectern.events.identity.Role.STUDENT;
import static dev.lectern.events.identity.Role.TEACHER;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a tenant-wide role allows: the one permission model that endpoints consult (and, with
 * session-scoped grants, the Session aggregate). {@code privileged} capabilities are audited when
 * denied.
 */
public enum Capability {
    SCHEDULE_SESSION(true, ADMIN, TEACHER),
    VIEW_SESSION(false, ADMIN, TEACHER, ASSISTANT, STUDENT, PUBLIC_VIEWER),
    /** Look classes up (one, or lists of them): every role of the school, auditors read-only (docs/adr/0026). */
    FIND_SESSIONS(false, ADMIN, TEACHER, ASSISTANT, STUDENT, PUBLIC_VIEWER, AUDITOR),
    READ_SESSION_LOG(true, ADMIN, TEACHER, AUDITOR),
    MANAGE_SESSION_PERMISSIONS(true, ADMIN, TEACHER),
    RUN_SESSION(true, ADMIN, TEACHER),
    JOIN_SESSION(false, ADMIN, TEACHER, ASSISTANT, STUDENT, PUBLIC_VIEWER),
    MANAGE_COURSES(true, ADMIN, TEACHER),
    VIEW_ROSTER(false, ADMIN, TEACHER, ASSISTANT),
    MANAGE_USERS(true, ADMIN),
    MANAGE_ROLES(true, ADMIN),
    MANAGE_TENANT_DOMAINS(true, ADMIN),
    READ_AUDIT_LOG(true, AUDITOR);

    private final boolean privileged;
    private final Set<Role> roles;

    Capability(boolean privileged, Role first, Role... rest) {
        this.privileged = privileged;
        this.roles = EnumSet.of(first, rest);
    }

    public boolean privileged() {
        return privileged;
    }

    public boolean allows(Actor actor) {
        return actor.roles().stream().anyMatch(roles::contains);
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }
}
