package dev.lectern.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * What a viewer sees of a {@link ClassState}. Staff get it whole. Students get the class, the roster
 * (classmates' login identities and removal reasons hidden, their own shown) and the recording's status
 * but not its storage location. Public viewers get the class and a head count, not the people.
 */
public final class ClassStateView {

    private ClassStateView() {
    }

    public static ObjectNode render(ClassState state, Viewer viewer, ObjectMapper json) {
        ObjectNode view = json.valueToTree(state);
        // Nobody sees who voted what here (staff get ballots from the poll's own endpoint), nor upvoter lists.
        view.path("polls").forEach(poll -> ((ObjectNode) poll).remove("choices"));
        view.path("questions").forEach(q -> ((ObjectNode) q).remove("upvoters"));
        view.path("studio").path("decks").forEach(deck -> {
            if (viewer.audience() != Viewer.Audience.STAFF) {
                ((ObjectNode) deck).remove("objectKey");
            }
        });
        if (viewer.audience() == Viewer.Audience.STAFF) {
            return view;
        }
        redactInteraction(state, view, viewer);
        ObjectNode recording = (ObjectNode) view.path("media").get("recording");
        if (recording != null) {
            recording.remove("location");
            recording.remove("sizeBytes");
            recording.remove("error");
        }
        if (viewer.audience() == Viewer.Audience.PUBLIC) {
            view.remove("roster");
            view.remove("chat");
            view.put("present", state.roster.values().stream().filter(p -> p.present).count());
            return view;
        }
        ObjectNode roster = (ObjectNode) view.get("roster");
        for (Map.Entry<String, ClassState.Participant> entry : state.roster.entrySet()) {
            ObjectNode participant = (ObjectNode) roster.get(entry.getKey());
            participant.remove("revokedReason");
            if (!viewer.is(entry.getValue().userId)) {
                participant.remove("subject");
            }
        }
        return view;
    }

    /**
     * Students: no blocked-word list and no mute list (only whether they are muted themselves); hidden
     * and deleted messages are gone; anonymous questions without their author (unless it is them);
     * poll counts only when the poll shows live results or has published them; quiz answers only
     * once published.
     */
    private static void redactInteraction(ClassState state, ObjectNode view, Viewer viewer) {
        ObjectNode interaction = (ObjectNode) view.get("interaction");
        if (interaction != null) {
            interaction.remove("blockedWords");
            interaction.remove("muted");
            interaction.put("youAreMuted", viewer.userId() != null
                    && state.interaction.muted.contains(viewer.userId().toString()));
        }
        com.fasterxml.jackson.databind.node.ArrayNode chat = json(view, "chat");
        if (chat != null) {
            for (int i = chat.size() - 1; i >= 0; i--) {
                var message = chat.get(i);
                if (message.path("hidden").asBoolean() || message.path("deleted").asBoolean()) {
                    chat.remove(i);
                }
            }
        }
        view.path("questions").forEach(node -> {
            ObjectNode q = (ObjectNode) node;
            if (q.path("anonymous").asBoolean() && !(viewer.userId() != null
                    && viewer.userId().toString().equals(q.path("userId").asText()))) {
                q.remove("userId");
            }
        });
        view.path("polls").forEach(node -> {
            ObjectNode poll = (ObjectNode) node;
            boolean published = "published".equals(poll.path("status").asText());
            if (!published) {
                poll.remove("correctOptions");
                if (!poll.path("showLiveResults").asBoolean()) {
                    poll.remove("counts");
                    poll.remove("ballots");
                }
            }
        });
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode json(ObjectNode view, String field) {
        var node = view.get(field);
        return node instanceof com.fasterxml.jackson.databind.node.ArrayNode array ? array : null;
    }
}
