package dev.lectern.platform.eventstore;

import dev.lectern.events.EventCatalogue;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * The event serializer, able to read events stored under a Java type name that has since moved to another
 * package. Axon stores an event's class name as its payload type; Lectern's event classes are grouped by
 * feature and may move when features are regrouped, while the log is immutable. When the stored name no
 * longer loads, the event catalogue finds the class by its (unique) simple name (docs/adr/0018-packages-by-feature.md).
 * Everything that reads events (event processors, aggregates, the dead-letter queue, the session log of the
 * query side) deserializes through this one serializer, so one rule covers all of them.
 */
public final class MovedEventTypes implements Serializer {

    private final Serializer delegate;

    public MovedEventTypes(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        return delegate.serialize(object, expectedRepresentation);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType current = current(serializedObject.getType());
        if (current == serializedObject.getType()) {
            return delegate.deserialize(serializedObject);
        }
        return delegate.deserialize(
                new SimpleSerializedObject<>(serializedObject.getData(), serializedObject.getContentType(), current));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(current(type));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private SerializedType current(SerializedType stored) {
        if (delegate.classForType(stored) != UnknownSerializedType.class) {
            return stored;
        }
        return EventCatalogue.movedType(stored.getName())
                .<SerializedType>map(type -> new SimpleSerializedType(type.getName(), stored.getRevision()))
                .orElse(stored);
    }
}
