package dev.lectern.events.poll;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One poll of a class. Its {@code toString()} is the Poll aggregate's identifier in the event store. Written as the plain UUID string in events and JSON, and its {@code toString()} is that same
 * string (docs/adr/0018-packages-by-feature.md, "Typed ids").
 */
public record PollId(@JsonValue UUID value) {

    public PollId {
        Objects.requireNonNull(value, "poll id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PollId of(UUID value) {
        return new PollId(value);
    }

    public static PollId random() {
        return new PollId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a poll id. */
    public static Optional<PollId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new PollId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
