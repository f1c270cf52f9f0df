package dev.lectern.events.scene;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One scene of a class. Its {@code toString()} is the Scene aggregate's identifier in the event store. Written as the plain UUID string in events and JSON, and its {@code toString()} is that same
 * string (docs/adr/0018-packages-by-feature.md, "Typed ids").
 */
public record SceneId(@JsonValue UUID value) {

    public SceneId {
        Objects.requireNonNull(value, "scene id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SceneId of(UUID value) {
        return new SceneId(value);
    }

    public static SceneId random() {
        return new SceneId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a scene id. */
    public static Optional<SceneId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new SceneId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
