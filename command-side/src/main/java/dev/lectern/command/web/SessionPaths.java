package dev.lectern.command.web;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.session.SessionId;

/** Session ids from paths and bodies: a clear 400 instead of a conversion stack trace. */
public final class SessionPaths {

    private SessionPaths() {}

    /** Any other id in a path or body ({@code name} says which): a UUID, or a clear 400. */
    public static java.util.UUID uuid(String name, String text) {
        return SessionId.parse(text)
                .map(SessionId::value)
                .orElseThrow(() -> new RequestRejectedException(ErrorCode.VALIDATION_FAILED, name + " must be a UUID"));
    }

    public static SessionId parse(String text) {
        return SessionId.parse(text)
                .orElseThrow(
                        () -> new RequestRejectedException(ErrorCode.VALIDATION_FAILED, "sessionId must be a UUID"));
    }
}
