package dev.lectern.events.course;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One lesson of a course; a class (session) may run one. Written as the plain UUID string in events and JSON, and its {@code toString()} is that same
 * string (docs/adr/0018-packages-by-feature.md, "Typed ids").
 */
public record LessonId(@JsonValue UUID value) {

    public LessonId {
        Objects.requireNonNull(value, "lesson id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LessonId of(UUID value) {
        return new LessonId(value);
    }

    public static LessonId random() {
        return new LessonId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a lesson id. */
    public static Optional<LessonId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new LessonId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
