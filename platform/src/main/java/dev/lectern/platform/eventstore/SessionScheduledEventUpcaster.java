package dev.lectern.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.events.session.SessionScheduledEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code session.scheduled} revision 1 to 2: revision 1 had no duration and no recording flag.
 * Old classes were one hour and not recorded, which is what the first release assumed.
 */
public final class SessionScheduledEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(SessionScheduledEvent.class.getTypeName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(SessionScheduledEvent.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode node = (ObjectNode) payload;
            if (!node.has("durationMinutes")) {
                node.put("durationMinutes", 60);
            }
            if (!node.has("recordingEnabled")) {
                node.put("recordingEnabled", false);
            }
            return node;
        });
    }
}
