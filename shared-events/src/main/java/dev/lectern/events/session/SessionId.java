package dev.lectern.events.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** One live class (a run of a lesson). Its {@code toString()} is the aggregate identifier in the event store. */
public record SessionId(@JsonValue UUID value) {

    public SessionId {
        Objects.requireNonNull(value, "session id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SessionId of(UUID value) {
        return new SessionId(value);
    }

    public static SessionId random() {
        return new SessionId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form only; anything else is not a session id. */
    public static Optional<SessionId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new SessionId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
