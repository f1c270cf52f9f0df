package dev.lectern.events;

import dev.lectern.events.attendance.AttendanceEvent;
import dev.lectern.events.interaction.InteractionEvent;
import dev.lectern.events.poll.BallotEvent;
import dev.lectern.events.poll.PollEvent;
import dev.lectern.events.question.QuestionEvent;
import dev.lectern.events.recording.RecordingEvent;
import dev.lectern.events.scene.SceneEvent;
import dev.lectern.events.session.SessionLifecycleEvent;
import dev.lectern.events.session.SessionPermissionEvent;
import dev.lectern.events.studio.StudioEvent;
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

    /**
     * One sealed root per feature's event family (the Session aggregate's events come in several families,
     * one per feature package); each new family adds its root here. EventCatalogueTest checks that every
     * event class in shared-events is reachable from one of these roots.
     */
    private static final Class<?>[] ROOTS = {
        SessionLifecycleEvent.class,
        SessionPermissionEvent.class,
        RecordingEvent.class,
        AttendanceEvent.class,
        StudioEvent.class,
        InteractionEvent.class,
        SceneEvent.class,
        QuestionEvent.class,
        PollEvent.class,
        BallotEvent.class
    };

    private static final Map<Class<?>, String> NAMES_BY_CLASS;
    private static final Map<String, Class<?>> CLASSES_BY_NAME;
    private static final Map<String, Class<?>> CLASSES_BY_SIMPLE_NAME;

    static {
        Map<Class<?>, String> byClass = new LinkedHashMap<>();
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> root : ROOTS) {
            collect(root, byClass, byName);
        }
        NAMES_BY_CLASS = Collections.unmodifiableMap(byClass);
        CLASSES_BY_NAME = Collections.unmodifiableMap(byName);
        Map<String, Class<?>> bySimpleName = new LinkedHashMap<>();
        for (Class<?> type : byClass.keySet()) {
            Class<?> previous = bySimpleName.putIfAbsent(type.getSimpleName(), type);
            if (previous != null) {
                throw new IllegalStateException("Event classes " + previous.getName() + " and " + type.getName()
                        + " share a simple name; stored events are found by it when a class moves (ADR 0018)");
            }
        }
        CLASSES_BY_SIMPLE_NAME = Collections.unmodifiableMap(bySimpleName);
    }

    private EventCatalogue() {}

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
            throw new IllegalStateException(
                    "Event name '" + name + "' of " + type.getName() + " is not <subject>.<verb>");
        }
        Class<?> previous = byName.putIfAbsent(name, type);
        if (previous != null) {
            throw new IllegalStateException(
                    "Event name '" + name + "' used by " + previous.getName() + " and " + type.getName());
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

    /**
     * The class now behind a Java type name stored by an earlier version, when the class has moved to
     * another package since: the stored payload type is the class's name at the time it was written, and
     * event class simple names are unique (checked at class initialisation), so the simple name finds it.
     */
    public static Optional<Class<?>> movedType(String storedTypeName) {
        if (!storedTypeName.startsWith("dev.lectern.events.")) {
            return Optional.empty();
        }
        String simpleName = storedTypeName.substring(storedTypeName.lastIndexOf('.') + 1);
        return Optional.ofNullable(CLASSES_BY_SIMPLE_NAME.get(simpleName));
    }

    /** Every catalogued event, name to class, in declaration order. */
    public static Map<String, Class<?>> all() {
        return CLASSES_BY_NAME;
    }
}
