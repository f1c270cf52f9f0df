package dev.lectern.query.web;

import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.input.TimeBounds;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Instants and offsets in query parameters, bounded by {@link TimeBounds} (docs/adr/0013-one-input-rule.md):
 * outside the window, or not parseable, is a 400 naming the parameter, never a 500 from the database.
 */
public final class Moments {

    private Moments() {}

    /** An ISO-8601 instant such as 2026-11-22T09:00:00Z, within the representable window. */
    public static Instant instant(String parameter, String text) {
        try {
            Instant value = Instant.parse(text.strip());
            if (TimeBounds.representable(value)) {
                return value;
            }
        } catch (DateTimeException ignored) {
            // reported below
        }
        throw RequestRejectedException.invalidParameter(
                parameter, TimeBounds.instantRule() + ", such as 2026-11-22T09:00:00Z");
    }

    /** True when {@code text} is written as an ISO-8601 duration (P..., +P..., -P...) rather than an instant. */
    public static boolean isOffset(String text) {
        return text.startsWith("P") || text.startsWith("-P") || text.startsWith("+P");
    }

    /** An ISO-8601 duration from 0 up to {@link TimeBounds#MAX_OFFSET}, such as PT12M30S. */
    public static Duration offset(String parameter, String text) {
        String rule = "must be an offset from PT0S to " + TimeBounds.MAX_OFFSET + " (ISO-8601, such as PT12M30S)";
        Duration value;
        try {
            value = Duration.parse(text.startsWith("+") ? text.substring(1) : text);
        } catch (DateTimeException | ArithmeticException e) {
            throw RequestRejectedException.invalidParameter(parameter, rule);
        }
        if (value.isNegative() || value.compareTo(TimeBounds.MAX_OFFSET) > 0) {
            throw RequestRejectedException.invalidParameter(parameter, rule);
        }
        return value;
    }
}
