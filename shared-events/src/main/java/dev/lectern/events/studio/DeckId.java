package dev.lectern.events.studio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One slide deck of a class (a child object of the Session aggregate's studio member). Written as the plain UUID string in events and JSON, and its {@code toString()} is that same
 * string (docs/adr/0018-packages-by-feature.md, "Typed ids").
 */
public record DeckId(@JsonValue UUID value) {

    public DeckId {
        Objects.requireNonNull(value, "deck id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DeckId of(UUID value) {
        return new DeckId(value);
    }

    public static DeckId random() {
        return new DeckId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a deck id. */
    public static Optional<DeckId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new DeckId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
