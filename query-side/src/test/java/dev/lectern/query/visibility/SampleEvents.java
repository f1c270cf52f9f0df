package dev.lectern.query.visibility;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.studio.WhiteboardOp;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A sample instance of any catalogued event, built from its record components: every user id is a
 * fresh UUID remembered in {@link #userIds}, every actor or login subject ({@code ...By}, {@code subject})
 * ends in {@link #SUBJECT_MARK}, booleans are true (anonymous, with live results). A component of a type
 * this builder does not know fails the test: teach it the new type.
 */
final class SampleEvents {

    static final String SUBJECT_MARK = "@sample-school";

    final List<String> userIds = new ArrayList<>();

    Object sample(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getName(), components[i].getType(), components[i].getGenericType());
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private Object value(String name, Class<?> type, Type generic) {
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == SessionId.class) {
            return SessionId.random();
        }
        if (type == TenantId.class) {
            return new TenantId("sample-school");
        }
        if (type.isRecord()
                && type.getRecordComponents().length == 1
                && type.getRecordComponents()[0].getType() == UUID.class
                && type != UserId.class) {
            // a typed id of an object inside a class (PollId, DeckId, ...): a fresh UUID, as the bare UUID was
            try {
                return type.getDeclaredConstructor(UUID.class).newInstance(UUID.randomUUID());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        if (type == UserId.class) {
            UserId user = UserId.random();
            userIds.add(user.value().toString());
            return user;
        }
        if (type == String.class) {
            return name.endsWith("By") || name.equals("subject") ? name + SUBJECT_MARK : "sample " + name;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-22T09:00:00Z");
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 2L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == Double.class || type == double.class) {
            return 0.5;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class && generic instanceof ParameterizedType list) {
            Type element = list.getActualTypeArguments()[0];
            if (element == String.class) {
                return List.of("a", "b");
            }
            if (element == Integer.class) {
                return List.of(0, 1);
            }
            if (element == Long.class) {
                return List.of(3L, 4L);
            }
            if (element == Double.class) {
                return List.of(0.1, 0.2);
            }
            if (element == WhiteboardOp.class) {
                return List.of(new WhiteboardOp("text", "t1", null, "#000000", 1.0, List.of(0.1, 0.2), "x = 2", null));
            }
        }
        throw new AssertionError("SampleEvents cannot build a " + generic.getTypeName() + " for component " + name);
    }
}
