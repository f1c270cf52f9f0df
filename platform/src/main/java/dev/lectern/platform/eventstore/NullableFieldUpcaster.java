package dev.lectern.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * One revision to the next when the next only added a nullable field: the old payload gets the field as
 * null, so that old and new events read the same way (e.g. {@code participant.joined} 1 to 2 added
 * {@code displayName}, docs/adr/0027).
 */
public final class NullableFieldUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final String field;

    public NullableFieldUpcaster(Class<?> type, String fromRevision, String toRevision, String field) {
        this.from = new SimpleSerializedType(type.getTypeName(), fromRevision);
        this.to = new SimpleSerializedType(type.getTypeName(), toRevision);
        this.field = field;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            ObjectNode node = (ObjectNode) payload;
            if (!node.has(field)) {
                node.putNull(field);
            }
            return node;
        });
    }
}
