package dev.lectern.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.AccessPattern;
import dev.lectern.events.input.FreeText;
import dev.lectern.events.input.TimeBounds;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How request bodies are read (docs/adr/0013-one-input-rule.md): the application's ObjectMapper, made
 * strict. No float-to-int, int-to-boolean or string-to-number/boolean coercion, no null for a
 * primitive, no unknown field, no duplicate key, nothing after the value; every string obeys the one
 * text rule ({@link FreeText}) and every instant lies in {@link TimeBounds}. Only WebFlux's decoder
 * uses it: Axon's serializer and the read models keep the lenient mapper, so that stored events and
 * live state always deserialise.
 */
public final class StrictJson {

    private StrictJson() {}

    @SuppressWarnings("deprecation") // ALLOW_COERCION_OF_SCALARS: still the switch for "" and "1" into numbers
    public static ObjectMapper requestBodies(ObjectMapper shared) {
        ObjectMapper strict = shared.copy();
        strict.enable(
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("lectern-strict-request-bodies")
                .addDeserializer(String.class, new PlainString())
                .addDeserializer(boolean.class, new NotNull<>(boolean.class, false))
                .addDeserializer(int.class, new NotNull<>(int.class, 0))
                .addDeserializer(long.class, new NotNull<>(long.class, 0L))
                .addDeserializer(double.class, new NotNull<>(double.class, 0.0))
                .addDeserializer(Instant.class, new BoundedInstant()));
        return strict;
    }

    /** A value the strict binding refuses; its message is the detail the client sees for that pointer. */
    public static final class Refused extends MismatchedInputException {

        Refused(JsonParser parser, String detail, Class<?> target) {
            super(parser, detail, target);
        }
    }

    /**
     * A primitive field: an explicit {@code null} is refused, an absent field keeps its default (which
     * Jackson's FAIL_ON_NULL_FOR_PRIMITIVES would refuse too, breaking every optional flag).
     */
    static final class NotNull<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<?> standard;
        private final T absent;

        NotNull(Class<T> type, T absent) {
            super(type);
            this.standard = NumberDeserializers.find(type, type.getName());
            this.absent = absent;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return (T) standard.deserialize(parser, context);
        }

        @Override
        public T getNullValue(DeserializationContext context) throws JsonMappingException {
            throw new Refused(context.getParser(), "must not be null", handledType());
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return absent;
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.DYNAMIC;
        }
    }

    /** Strings only (no number or boolean turned into text), and only text the one rule allows. */
    static final class PlainString extends StdScalarDeserializer<String> {

        PlainString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new Refused(parser, "must be a string", String.class);
            }
            String text = parser.getText();
            String problem = FreeText.problem(text, true);
            if (problem != null) {
                throw new Refused(parser, problem, String.class);
            }
            return text;
        }
    }

    /** ISO-8601 text only (no epoch numbers), within the window every store can hold. */
    static final class BoundedInstant extends StdScalarDeserializer<Instant> {

        BoundedInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                try {
                    Instant value = Instant.parse(parser.getText().strip());
                    if (TimeBounds.representable(value)) {
                        return value;
                    }
                } catch (DateTimeParseException ignored) {
                    // reported below
                }
            }
            throw new Refused(parser, TimeBounds.instantRule() + ", such as 2026-11-23T09:00:00Z", Instant.class);
        }
    }
}
