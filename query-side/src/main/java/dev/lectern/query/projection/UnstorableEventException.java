package dev.lectern.query.projection;

/**
 * An event holds something PostgreSQL cannot store. Thrown inside an event handler, so Axon parks the
 * event's class in the dead-letter queue; the message names the field, never its content.
 */
public class UnstorableEventException extends RuntimeException {

    public UnstorableEventException(String problem) {
        super("Event cannot be stored in the read model: " + problem, null, false, false);
    }
}
