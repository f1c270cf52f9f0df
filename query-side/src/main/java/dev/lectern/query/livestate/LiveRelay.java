package dev.lectern.query.livestate;

import java.util.List;

/** Carries live events to the other nodes (Redis pub/sub when configured). Must never block or throw. */
public interface LiveRelay {

    LiveRelay NONE = events -> {};

    void send(List<LiveEvent> events);
}
