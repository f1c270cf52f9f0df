package dev.lectern.events.studio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One call to action shown in a class (a child object of the Session aggregate's studio member). Written as the plain UUID string in events and JSON, and its {@code toString()} is that same
 * string (docs/adr/0018-packages-by-feature.md, "Typed ids").
 */
public record CtaId(@JsonValue UUID value) {

    public CtaId {
        Objects.requireNonNull(value, "call-to-action id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CtaId of(UUID value) {
        return new CtaId(value);
    }

    public static CtaId random() {
        return new CtaId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a call-to-action id. */
    public static Optional<CtaId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new CtaId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
