package dev.lectern.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.events.session.SessionScheduledEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code session.scheduled} revisions 1 and 2 to 3. Revision 1 had no duration and no recording flag:
 * old classes were one hour and not recorded, which is what the first release assumed. Revisions 1
 * and 2 had no {@code scheduledBy} (the owner is unknown, so only admins manage such a class) and no
 * lesson (an ad-hoc class).
 */
public final class SessionScheduledEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(SessionScheduledEvent.class.getTypeName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(SessionScheduledEvent.class.getTypeName(), "2");
    static final SimpleSerializedType REVISION_3 =
            new SimpleSerializedType(SessionScheduledEvent.class.getTypeName(), "3");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1)
                || representation.getType().equals(REVISION_2);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_3, JsonNode.class, payload -> {
            ObjectNode node = (ObjectNode) payload;
            if (!node.has("durationMinutes")) {
                node.put("durationMinutes", 60);
            }
            if (!node.has("recordingEnabled")) {
                node.put("recordingEnabled", false);
            }
            if (!node.has("scheduledBy")) {
                node.putNull("scheduledBy");
            }
            if (!node.has("lessonId")) {
                node.putNull("lessonId");
                node.putNull("courseId");
            }
            return node;
        });
    }
}
