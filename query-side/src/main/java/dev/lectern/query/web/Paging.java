package dev.lectern.query.web;

import dev.lectern.events.error.RequestRejectedException;

/** Query-string numbers with a clear 400 instead of a conversion stack trace. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {}

    public static long after(String text) {
        return parse("after", text, 0, 0, Long.MAX_VALUE);
    }

    public static int limit(String text) {
        return (int) parse("limit", text, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private static long parse(String name, String text, long fallback, long min, long max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw RequestRejectedException.invalidParameter(name, "must be a whole number between " + min + " and " + max);
    }
}
