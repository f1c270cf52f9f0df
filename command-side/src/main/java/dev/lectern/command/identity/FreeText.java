package dev.lectern.command.identity;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;

import java.util.regex.Pattern;

/** Free text from clients (reasons, names) is length-limited and may not carry control characters. */
final class FreeText {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private FreeText() {
    }

    static String optional(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength || CONTROL.matcher(value).find()) {
            throw new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                    name + " must be at most " + maxLength + " characters without control characters");
        }
        return value.strip();
    }
}
