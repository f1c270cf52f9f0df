package dev.lectern.events.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * Permissions granted within one class, on top of tenant roles: a student promoted to presenter may
 * publish media; an assistant granted moderation may moderate chat and questions.
 */
public enum SessionPermission {
    PRESENT("present"),
    MODERATE("moderate");

    private final String value;

    SessionPermission(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<SessionPermission> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.value.equals(text)).findFirst();
    }
}
