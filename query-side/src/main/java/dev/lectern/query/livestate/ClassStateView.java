package dev.lectern.query.livestate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.query.visibility.StateVisibility;
import dev.lectern.query.visibility.Viewer;
import java.util.Set;

/**
 * What a viewer sees of a {@link ClassState}: the document with the two per-viewer facts added (a head
 * count {@code present}, and {@code youAreMuted}), then cut down to what {@link StateVisibility} allows
 * this viewer's audience. Nothing here decides visibility.
 */
public final class ClassStateView {

    private ClassStateView() {}

    public static ObjectNode render(ClassState state, Viewer viewer, ObjectMapper json) {
        ObjectNode view = json.valueToTree(state);
        view.put(
                "present", state.roster.values().stream().filter(p -> p.present).count());
        if (view.get("interaction") instanceof ObjectNode interaction) {
            interaction.put(
                    "youAreMuted",
                    viewer.userId() != null
                            && state.interaction.muted.contains(viewer.userId().toString()));
        }
        StateVisibility.filter(view, StateVisibility.STATE, viewer.audience(), viewer.context(Set.of()));
        return view;
    }

    /** One chat message (as the state's tail holds it) as this viewer may see it, or null when not shown. */
    public static ObjectNode chatMessage(ObjectNode message, Viewer viewer) {
        return StateVisibility.filter(
                        message, StateVisibility.CHAT_MESSAGE, viewer.audience(), viewer.context(Set.of()))
                ? message
                : null;
    }
}
