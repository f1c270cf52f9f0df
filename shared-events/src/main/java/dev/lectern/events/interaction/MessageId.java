package dev.lectern.events.interaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One chat message in a class (a child object of the Session aggregate's interaction member). Written as the plain UUID string in events and JSON, and its {@code toString()} is that same
 * string (docs/adr/0018-packages-by-feature.md, "Typed ids").
 */
public record MessageId(@JsonValue UUID value) {

    public MessageId {
        Objects.requireNonNull(value, "message id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MessageId of(UUID value) {
        return new MessageId(value);
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a message id. */
    public static Optional<MessageId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new MessageId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
