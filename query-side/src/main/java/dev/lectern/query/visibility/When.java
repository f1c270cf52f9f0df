package dev.lectern.query.visibility;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.UUID;

/**
 * The condition under which an allowed event, field or item is shown. Evaluated on the JSON object
 * that holds the field (an event payload, or an item of the state document such as a question), so
 * the same condition serves the stream, the raw log and the derived views.
 */
public enum When {
    ALWAYS("") {
        @Override
        boolean holds(JsonNode node, Context context) {
            return true;
        }
    },
    /** The object is about the viewer ({@code userId} is theirs). */
    OWN("own only") {
        @Override
        boolean holds(JsonNode node, Context context) {
            return context.owns(node);
        }
    },
    /** Questions: the author is shown unless the question is anonymous; an author always sees their own. */
    NOT_ANONYMOUS_OR_OWN("unless anonymous; own always") {
        @Override
        boolean holds(JsonNode node, Context context) {
            return !node.path("anonymous").asBoolean() || context.owns(node);
        }
    },
    /** Polls: counts while the poll shows live results, or once its results are published. */
    RESULTS_VISIBLE("with live results or once published") {
        @Override
        boolean holds(JsonNode node, Context context) {
            return node.path("showLiveResults").asBoolean()
                    || "published".equals(node.path("status").asText());
        }
    },
    /** Polls: correct answers once the results are published. */
    PUBLISHED("once published") {
        @Override
        boolean holds(JsonNode node, Context context) {
            return "published".equals(node.path("status").asText());
        }
    },
    /** Chat: a message that moderators neither hid nor deleted. */
    NOT_HIDDEN_OR_DELETED("unless hidden or deleted") {
        @Override
        boolean holds(JsonNode node, Context context) {
            return !node.path("hidden").asBoolean() && NOT_DELETED.holds(node, context);
        }
    },
    /** Chat: the text of a message that was not deleted (deleted text is for auditors only). */
    NOT_DELETED("unless deleted") {
        @Override
        boolean holds(JsonNode node, Context context) {
            return !node.path("deleted").asBoolean()
                    && !context.deletedMessages()
                            .contains(node.path("messageId").asText());
        }
    };

    private final String description;

    When(String description) {
        this.description = description;
    }

    /** How the condition reads in the docs; empty for {@link #ALWAYS}. */
    public String description() {
        return description;
    }

    abstract boolean holds(JsonNode node, Context context);

    /**
     * What a condition may know about the reader and the class: the viewer's user id, and the chat
     * messages known to have been deleted (a message posted before its deletion, read back from the log).
     */
    public record Context(UUID viewer, Set<String> deletedMessages) {

        public static Context of(UUID viewer) {
            return new Context(viewer, Set.of());
        }

        boolean owns(JsonNode node) {
            JsonNode user = node.get("userId");
            return viewer != null && user != null && viewer.toString().equals(user.asText());
        }
    }
}
