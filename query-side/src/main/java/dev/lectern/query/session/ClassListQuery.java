package dev.lectern.query.session;

import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.query.session.SessionViewRepository.Cursor;
import dev.lectern.query.session.SessionViewRepository.Filter;
import dev.lectern.query.web.Moments;
import dev.lectern.query.web.Paging;
import dev.lectern.query.web.PathIds;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The query string of a class list, parsed with a 400 naming the parameter for anything else
 * (docs/adr/0013-one-input-rule.md): {@code status} (repeatable, or comma separated), {@code from} (inclusive) and
 * {@code to} (exclusive) on the scheduled start, {@code after} (the cursor of a previous page) and {@code limit}.
 */
record ClassListQuery(List<String> statuses, Instant from, Instant to, Cursor after, int limit) {

    /** The lifecycle statuses of the {@code sessions} read model (SessionsProjector). */
    static final List<String> STATUSES = List.of("scheduled", "live", "ended", "cancelled");

    private static final int MAX_CURSOR_LENGTH = 128;

    static ClassListQuery parse(List<String> status, String from, String to, String after, String limit) {
        List<String> statuses = statuses(status);
        Instant fromInstant = from == null ? null : Moments.instant("from", from);
        Instant toInstant = to == null ? null : Moments.instant("to", to);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            throw RequestRejectedException.invalidParameter("from", "must not be after to");
        }
        Cursor cursor = after == null ? null : cursor(after);
        return new ClassListQuery(statuses, fromInstant, toInstant, cursor, Paging.limit(limit));
    }

    Filter filter(UUID course) {
        return new Filter(statuses, from, to, course);
    }

    /**
     * The link to the page after {@code last}, with the same filters. Nothing in it needs escaping: the cursor is
     * base64url, statuses are lower-case words, instants ISO-8601 (digits, {@code -:.TZ}).
     */
    String next(String path, Cursor last) {
        StringBuilder link = new StringBuilder(path).append("?after=").append(encode(last));
        link.append("&limit=").append(limit);
        if (!statuses.isEmpty()) {
            link.append("&status=").append(String.join(",", statuses));
        }
        if (from != null) {
            link.append("&from=").append(from);
        }
        if (to != null) {
            link.append("&to=").append(to);
        }
        return link.toString();
    }

    private static List<String> statuses(List<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (String value : values) {
            for (String status : value.split(",", -1)) {
                if (!STATUSES.contains(status)) {
                    throw RequestRejectedException.invalidParameter(
                            "status",
                            "must be one of " + String.join(", ", STATUSES) + " (repeated, or comma separated)");
                }
                result.add(status);
            }
        }
        return new ArrayList<>(result);
    }

    /** A cursor is opaque to clients: base64url of the last class's start and id. */
    static String encode(Cursor cursor) {
        String text = cursor.startsAt() + "|" + cursor.sessionId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor cursor(String text) {
        if (!text.isEmpty() && text.length() <= MAX_CURSOR_LENGTH) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = decoded.indexOf('|');
                if (bar > 0) {
                    Instant startsAt = Moments.instant("after", decoded.substring(0, bar));
                    UUID session = PathIds.uuid("after", decoded.substring(bar + 1));
                    return new Cursor(startsAt, session);
                }
            } catch (IllegalArgumentException | DateTimeException | RequestRejectedException ignored) {
                // reported below
            }
        }
        throw RequestRejectedException.invalidParameter("after", "must be the cursor of a previous page's next link");
    }
}
