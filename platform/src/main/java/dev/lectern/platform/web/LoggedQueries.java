package dev.lectern.platform.web;

import java.util.regex.Pattern;

/**
 * A query string as it may be written to a log or an audit row: a stream ticket is a credential
 * (docs/adr/0024-browser-access.md), so the value of every {@code ticket} parameter is masked, on any route.
 */
public final class LoggedQueries {

    private static final Pattern TICKET = Pattern.compile("(^|&)(ticket)=[^&]*", Pattern.CASE_INSENSITIVE);

    private LoggedQueries() {}

    /** The raw query with ticket values replaced by {@code ***}; null stays null. */
    public static String masked(String rawQuery) {
        return rawQuery == null ? null : TICKET.matcher(rawQuery).replaceAll("$1$2=***");
    }
}
