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
        if (viewer.audience() == Viewer.Audience.STAFF) {
            return view;
        }
        ObjectNode recording = (ObjectNode) view.path("media").get("recording");
        if (recording != null) {
            recording.remove("location");
            recording.remove("sizeBytes");
            recording.remove("error");
        }
        if (viewer.audience() == Viewer.Audience.PUBLIC) {
            view.remove("roster");
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
}
