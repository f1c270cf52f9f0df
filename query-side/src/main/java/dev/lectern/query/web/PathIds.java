package dev.lectern.query.web;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.session.SessionId;

/** Parses identifiers from paths with a clear 400 instead of a conversion stack trace. */
public final class PathIds {

    private PathIds() {
    }

    public static SessionId session(String text) {
        return SessionId.parse(text).orElseThrow(() -> new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                "sessionId must be a UUID such as 3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b"));
    }
}
