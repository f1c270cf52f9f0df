package dev.lectern.events.course;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One course of a tenant: the class's teachers and enrolled students. Written as the plain UUID string in events and JSON, and its {@code toString()} is that same
 * string (docs/adr/0018-packages-by-feature.md, "Typed ids").
 */
public record CourseId(@JsonValue UUID value) {

    public CourseId {
        Objects.requireNonNull(value, "course id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CourseId of(UUID value) {
        return new CourseId(value);
    }

    public static CourseId random() {
        return new CourseId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a course id. */
    public static Optional<CourseId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new CourseId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
