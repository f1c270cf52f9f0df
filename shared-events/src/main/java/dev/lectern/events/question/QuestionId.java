package dev.lectern.events.question;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One question asked in a class. Its {@code toString()} is the Question aggregate's identifier in the event store. Written as the plain UUID string in events and JSON, and its {@code toString()} is that same
 * string (docs/adr/0018-packages-by-feature.md, "Typed ids").
 */
public record QuestionId(@JsonValue UUID value) {

    public QuestionId {
        Objects.requireNonNull(value, "question id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static QuestionId of(UUID value) {
        return new QuestionId(value);
    }

    public static QuestionId random() {
        return new QuestionId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a question id. */
    public static Optional<QuestionId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new QuestionId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
