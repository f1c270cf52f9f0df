package dev.lectern.command.studio;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.session.SessionId;

/** Session ids from paths: a clear 400 instead of a conversion stack trace. */
final class StudioPaths {

    private StudioPaths() {
    }

    static SessionId session(String text) {
        return SessionId.parse(text).orElseThrow(() -> new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                "sessionId must be a UUID"));
    }
}
