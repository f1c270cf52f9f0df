package dev.lectern.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable public name of an event ({@code session.scheduled}). Auditors, webhooks and the
 * {@code event_name} column of {@code session_state_events} see this name, never the Java class,
 * so renaming or moving a class does not change what anyone outside the code observes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventName {

    /** Lower-case dotted name: {@code <subject>.<past-tense verb>}. Never reuse a retired name. */
    String value();
}
