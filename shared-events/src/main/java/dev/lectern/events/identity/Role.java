package dev.lectern.events.identity;

import java.util.Arrays;
import java.util.Optional;

/** Tenant-wide roles (seed 001: Students, Teachers, Assistants, Admins; plus public viewers and auditors). */
public enum Role {
    ADMIN("admin"),
    TEACHER("teacher"),
    ASSISTANT("assistant"),
    STUDENT("student"),
    PUBLIC_VIEWER("public_viewer"),
    AUDITOR("auditor");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    /** The name stored in {@code roles.role} and used in URLs ({@code /admin/users/{id}/roles/teacher}). */
    public String value() {
        return value;
    }

    public static Optional<Role> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.value.equals(text)).findFirst();
    }
}
