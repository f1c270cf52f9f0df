package dev.lectern.command.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * How aggregates are written to the snapshot table: their fields as JSON, whatever their visibility (aggregates
 * have no getters and need none), so that a snapshot holds exactly the state the event sourcing handlers built.
 * Typed ids ({@code record UserId(UUID value)}) are also map keys in that state and are written as their value.
 * Axon's general serializer (tokens, sagas, messages) is left as it is; see
 * docs/adr/0019-session-members-and-snapshots.md.
 */
public final class AggregateSnapshots {

    private AggregateSnapshots() {}

    public static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).build();
    }

    static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new TypedIdKeys())
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** A typed id: a record of one UUID or String component. */
    static boolean isTypedId(Class<?> type) {
        if (!type.isRecord() || type.getRecordComponents().length != 1) {
            return false;
        }
        Class<?> value = type.getRecordComponents()[0].getType();
        return value == UUID.class || value == String.class;
    }

    /** Map keys of typed-id types: written as the id's value, read back through the record's canonical constructor. */
    static final class TypedIdKeys extends SimpleModule {

        TypedIdKeys() {
            super("lectern-typed-id-keys");
        }

        @Override
        public void setupModule(SetupContext context) {
            super.setupModule(context);
            context.addKeySerializers(new Serializers.Base() {
                @Override
                public JsonSerializer<?> findSerializer(
                        com.fasterxml.jackson.databind.SerializationConfig config,
                        com.fasterxml.jackson.databind.JavaType type,
                        com.fasterxml.jackson.databind.BeanDescription beanDesc) {
                    return isTypedId(type.getRawClass()) ? new KeySerializer(type.getRawClass()) : null;
                }
            });
            context.addKeyDeserializers((type, config, beanDesc) ->
                    isTypedId(type.getRawClass()) ? new KeyReader(type.getRawClass()) : null);
        }
    }

    private static final class KeySerializer extends JsonSerializer<Object> {

        private final RecordComponent component;

        KeySerializer(Class<?> type) {
            this.component = type.getRecordComponents()[0];
        }

        @Override
        public void serialize(Object id, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            try {
                gen.writeFieldName(component.getAccessor().invoke(id).toString());
            } catch (ReflectiveOperationException e) {
                throw new IOException(
                        "Cannot read the value of " + id.getClass().getName(), e);
            }
        }
    }

    private static final class KeyReader extends KeyDeserializer {

        private final Class<?> type;
        private final Class<?> valueType;
        private final Constructor<?> constructor;

        KeyReader(Class<?> type) {
            this.type = type;
            this.valueType = type.getRecordComponents()[0].getType();
            try {
                this.constructor = type.getDeclaredConstructor(valueType);
                this.constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            try {
                return constructor.newInstance(valueType == UUID.class ? UUID.fromString(key) : key);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                return context.handleWeirdKey(type, key, "not a %s: %s", type.getSimpleName(), e.getMessage());
            }
        }
    }
}
