package dev.lectern.platform.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The highest global position below which {@code session_state_events} can no longer change: every
 * position at or under it is either committed or will never be used (its transaction rolled back).
 *
 * <p>PostgreSQL hands out {@code global_index} values from a sequence at insert time, but transactions
 * commit in their own order: position 11 can become visible while 10 is still in flight. A reader that
 * moved past 11 would see 10 arrive later, out of order, and a client that resumed "after 11" would
 * never get it. Axon's gap-aware token tolerates that by re-reading gaps; a live stream and a
 * position-guarded projection cannot. So every tracking reader is capped here (docs/adr/0008).
 *
 * <p>How: a transaction that owns a position has inserted into the table and so holds a
 * {@code RowExclusiveLock} on it until it ends. Each observation takes the highest visible position
 * {@code M}, then the transaction ids of every other backend holding that lock (inserters in flight).
 * Any invisible position at or under {@code M} belongs to one of them (its sequence value was drawn
 * before {@code M}'s, so it had already inserted). Once all of them have ended, every position up to
 * {@code M} is final. No inserter in flight means {@code M} is final at once: the common case, so an
 * idle or lightly loaded log has no added latency; under load the cap trails by one commit.
 */
final class CommittedWatermark {

    /** Pending observations kept at most; older ones are merged (conservatively) beyond this. */
    private static final int MAX_PENDING = 64;

    private static final String HIGHEST = "SELECT max(global_index) FROM session_state_events";
    private static final String INSERTERS_IN_FLIGHT = """
            SELECT DISTINCT x.transactionid::text
            FROM pg_locks r
            JOIN pg_locks x ON x.pid = r.pid AND x.locktype = 'transactionid' AND x.mode = 'ExclusiveLock'
            WHERE r.locktype = 'relation' AND r.mode = 'RowExclusiveLock'
              AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND r.relation = 'session_state_events'::regclass
              AND r.pid <> pg_backend_pid()""";

    private record Observation(long highest, Set<String> inserters) {}

    private final Deque<Observation> pending = new ArrayDeque<>();
    private long finalized = -1;

    /** Observes the log on {@code connection} and answers the current committed watermark (-1: empty log). */
    synchronized long observe(Connection connection) throws SQLException {
        long highest = highest(connection);
        Set<String> inFlight = insertersInFlight(connection);
        for (Iterator<Observation> it = pending.iterator(); it.hasNext(); ) {
            Observation earlier = it.next();
            if (disjoint(earlier.inserters(), inFlight)) {
                finalized = Math.max(finalized, earlier.highest());
                it.remove();
            } else if (earlier.highest() <= finalized) {
                it.remove();
            }
        }
        if (inFlight.isEmpty()) {
            finalized = Math.max(finalized, highest);
            pending.clear();
        } else if (highest > finalized) {
            pending.addLast(new Observation(highest, inFlight));
            while (pending.size() > MAX_PENDING) {
                Observation oldest = pending.removeFirst();
                Observation next = pending.removeFirst();
                Set<String> union = new HashSet<>(oldest.inserters());
                union.addAll(next.inserters());
                pending.addFirst(new Observation(Math.max(oldest.highest(), next.highest()), union));
            }
        }
        return finalized;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return false;
            }
        }
        return true;
    }

    private static long highest(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HIGHEST);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            long value = rows.getLong(1);
            return rows.wasNull() ? -1 : value;
        }
    }

    private static Set<String> insertersInFlight(Connection connection) throws SQLException {
        Set<String> result = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(INSERTERS_IN_FLIGHT);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return result;
    }
}
