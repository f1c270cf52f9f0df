package dev.lectern.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The one guard every projector runs before it writes an event into PostgreSQL {@code text} or
 * {@code jsonb}: those types cannot hold U+0000, and jsonb refuses an unpaired surrogate escape. A
 * projector calls it inside its event handler, before it changes anything, so that the failure belongs to
 * the event that causes it and Axon dead-letters exactly that event (its class's sequence), instead of
 * the batch's write failing for every class (docs/adr/0012-poison-isolation-dead-letters.md).
 *
 * <p>One walk over the event's JSON tree (which the live projector computes anyway for its fan-out); the
 * error names the field, never its content.
 */
public final class StorableText {

    /** PostgreSQL's timestamp range ends in 294276 AD; later instants cannot be stored in a timestamp column. */
    private static final Instant LATEST_TIMESTAMP = Instant.parse("+294276-12-31T23:59:59Z");

    private static final Instant EARLIEST_TIMESTAMP = Instant.parse("-4713-01-01T00:00:00Z");

    private StorableText() {}

    /** Throws {@link UnstorableEventException} naming the first field that PostgreSQL text or jsonb cannot hold. */
    public static void check(JsonNode tree) {
        String problem = find(tree, "");
        if (problem != null) {
            throw new UnstorableEventException(problem);
        }
    }

    /** Throws {@link UnstorableEventException} if {@code instant} lies outside PostgreSQL's timestamp range. */
    public static void checkTimestamp(Instant instant, String field) {
        if (instant != null && (instant.isAfter(LATEST_TIMESTAMP) || instant.isBefore(EARLIEST_TIMESTAMP))) {
            throw new UnstorableEventException(field + " is outside the range a PostgreSQL timestamp can hold");
        }
    }

    /** The JSON pointer of the first unstorable string (or field name) with the reason, or null if all are storable. */
    static String find(JsonNode node, String pointer) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String reason = reason(node.textValue());
            return reason == null ? null : (pointer.isEmpty() ? "/" : pointer) + " " + reason;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String reason = reason(field.getKey());
                if (reason != null) {
                    return pointer + "/(a field name) " + reason;
                }
                String found = find(field.getValue(), pointer + "/" + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), pointer + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Why PostgreSQL cannot store {@code text}, or null when it can. */
    static String reason(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "holds U+0000, which PostgreSQL text and jsonb cannot store";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "holds an unpaired surrogate, which is not Unicode text";
            }
            if (Character.isLowSurrogate(c)) {
                return "holds an unpaired surrogate, which is not Unicode text";
            }
        }
        return null;
    }
}
