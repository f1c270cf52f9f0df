package dev.lectern.platform.eventstore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * "Events were committed to session_state_events": raised after every database commit that appended
 * events on this node, and (through the live bus) when another node says so. Wakes the local event
 * store's reader so that projections and live streams see the events without waiting for a poll.
 */
public final class CommitSignal {

    private final Runnable wakeLocalReader;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    CommitSignal(Runnable wakeLocalReader) {
        this.wakeLocalReader = wakeLocalReader;
    }

    /** Called after a local commit: wake the reader and tell the listeners (e.g. other nodes). */
    public void committed() {
        wakeLocalReader.run();
        listeners.forEach(Runnable::run);
    }

    /** Called when another node committed: wake the local reader only. */
    public void committedElsewhere() {
        wakeLocalReader.run();
    }

    public void onLocalCommit(Runnable listener) {
        listeners.add(listener);
    }
}
