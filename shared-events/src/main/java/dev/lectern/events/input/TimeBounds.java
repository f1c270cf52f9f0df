package dev.lectern.events.input;

import java.time.Duration;
import java.time.Instant;

/**
 * The window every instant, offset and duration a client sends must fall in
 * (docs/adr/0013-one-input-rule.md). Outside it a value is a 400 naming the field or parameter,
 * never a 500 from a database that cannot store it and never a stored event no read model can hold.
 */
public final class TimeBounds {

    /** Nothing in Lectern happened before the Unix epoch. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The last instant every store (PostgreSQL timestamptz, JSON, ISO-8601 with four-digit years) writes the same way. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** A class is scheduled at most this far ahead: five years covers any timetable, and every store can hold it. */
    public static final Duration SCHEDULING_HORIZON = Duration.ofDays(5 * 366);
    /** {@code ?at=} offsets into a class: a class lasts at most 12 hours; a week covers any overrun. */
    public static final Duration MAX_OFFSET = Duration.ofDays(7);

    private TimeBounds() {}

    public static boolean representable(Instant instant) {
        return instant != null && !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** Phrase for a refused instant, to follow a field or parameter name. */
    public static String instantRule() {
        return "must be an ISO-8601 instant between " + EARLIEST + " and " + LATEST;
    }
}
