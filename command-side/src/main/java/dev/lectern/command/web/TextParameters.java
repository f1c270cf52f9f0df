package dev.lectern.command.web;

import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.input.FreeText;

/** Free text in query parameters and form fields: the one text rule and a length bound, else a 400 naming the parameter. */
public final class TextParameters {

    private TextParameters() {}

    /** Blank is absent (null); otherwise stripped. */
    public static String optional(String name, String value, int maxLength, boolean multiLine) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw RequestRejectedException.invalidParameter(name, "must be at most " + maxLength + " characters");
        }
        String problem = FreeText.problem(value, multiLine);
        if (problem != null) {
            throw RequestRejectedException.invalidParameter(name, problem);
        }
        return value.strip();
    }
}
