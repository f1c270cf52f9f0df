package dev.lectern.query.web;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.session.SessionId;
import java.util.UUID;

/** Parses identifiers from paths with a clear 400 instead of a conversion stack trace. */
public final class PathIds {

    private PathIds() {}

    /** Any other id in a path: the canonical UUID form only. */
    public static UUID uuid(String name, String text) {
        try {
            UUID value = UUID.fromString(text);
            if (value.toString().equalsIgnoreCase(text)) {
                return value;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new RequestRejectedException(ErrorCode.VALIDATION_FAILED, name + " must be a UUID");
    }

    public static SessionId session(String text) {
        return SessionId.parse(text)
                .orElseThrow(() -> new RequestRejectedException(
                        ErrorCode.VALIDATION_FAILED,
                        "sessionId must be a UUID such as 3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b"));
    }
}
