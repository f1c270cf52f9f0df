package dev.lectern.platform.processing;

import dev.lectern.events.LecternEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Every event handler's sequence is its class: {@code <tenant>:<session>} for a Lectern event (all of a
 * class's aggregates, Session, Poll, Question, Ballot..., in one order), the aggregate otherwise. It is
 * also the dead-letter queue's sequence id, so a failure parks exactly one class
 * (docs/adr/0012-poison-isolation-dead-letters.md). The separator is a colon so that the id is one
 * URL path segment in the operator endpoints.
 */
public final class ClassSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    public static final String SEPARATOR = ":";

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof LecternEvent lectern
                && lectern.tenantId() != null
                && lectern.sessionId() != null) {
            return of(lectern);
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    public static String of(LecternEvent event) {
        return event.tenantId().value() + SEPARATOR + event.sessionId().value();
    }
}
