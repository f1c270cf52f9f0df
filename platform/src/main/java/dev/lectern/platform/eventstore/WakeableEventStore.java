package dev.lectern.platform.eventstore;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, with a public way to wake its reader. Axon wakes it when its own unit
 * of work commits, but our writes run inside a wider database transaction (the idempotency record and
 * the events commit together), so that signal comes before the rows are visible. The appender
 * registers {@link #wake()} to run after the database commit instead; other nodes' commits are found
 * by polling ({@code lectern.event-store.fetch-delay}) or by the Redis wake-up signal.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Tells the tracking reader that new events may be visible now. Cheap; safe from any thread. */
    public void wake() {
        afterCommit(List.of());
    }
}
