package dev.lectern.events;

import dev.lectern.events.poll.BallotEvent;
import dev.lectern.events.poll.PollEvent;
import dev.lectern.events.question.QuestionEvent;
import dev.lectern.events.scene.SceneEvent;
import dev.lectern.events.session.SessionEvent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry of public event names, built from the sealed event hierarchy of each aggregate.
 * Adding an event to a sealed interface adds it here; a missing or duplicate name fails fast at
 * class initialisation instead of writing an unnamed row.
 */
public final class EventCatalogue {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$");

    /** One sealed root per aggregate; each new aggregate adds its root here. */
    private static final Class<?>[] ROOTS = {SessionEvent.class, SceneEvent.class, QuestionEvent.class, PollEvent.class,
            BallotEvent.class};

    private static final Map<Class<?>, String> NAMES_BY_CLASS;
    private static final Map<String, Class<?>> CLASSES_BY_NAME;

    static {
        Map<Class<?>, String> byClass = new LinkedHashMap<>();
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> root : ROOTS) {
            collect(root, byClass, byName);
        }
        NAMES_BY_CLASS = Collections.unmodifiableMap(byClass);
        CLASSES_BY_NAME = Collections.unmodifiableMap(byName);
    }

    private EventCatalogue() {
    }

    private static void collect(Class<?> type, Map<Class<?>, String> byClass, Map<String, Class<?>> byName) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, byClass, byName);
            }
            return;
        }
        EventName annotation = type.getAnnotation(EventName.class);
        if (annotation == null) {
            throw new IllegalStateException(type.getName() + " has no @EventName");
        }
        String name = annotation.value();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("Event name '" + name + "' of " + type.getName() + " is not <subject>.<verb>");
        }
        Class<?> previous = byName.putIfAbsent(name, type);
        if (previous != null) {
            throw new IllegalStateException("Event name '" + name + "' used by " + previous.getName() + " and " + type.getName());
        }
        byClass.put(type, name);
    }

    /** The public name of an event class, if it is a catalogued Lectern event. */
    public static Optional<String> nameOf(Class<?> eventType) {
        return Optional.ofNullable(NAMES_BY_CLASS.get(eventType));
    }

    /** The class currently behind a public name (used by tooling; the log stores both). */
    public static Optional<Class<?>> typeOf(String name) {
        return Optional.ofNullable(CLASSES_BY_NAME.get(name));
    }

    /** Every catalogued event, name to class, in declaration order. */
    public static Map<String, Class<?>> all() {
        return CLASSES_BY_NAME;
    }
}
