package dev.lectern.platform.web;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.platform.web.ProblemWebExceptionHandler.Problem;
import io.r2dbc.spi.R2dbcException;
import java.sql.SQLException;
import java.util.List;

/**
 * Which of our own dependencies a failure came from, so that the answer names it: an S3 failure is
 * never "the event log", and a PostgreSQL that goes away under a write is a 503 with Retry-After,
 * never a 500. PostgreSQL failures are recognised by their SQLSTATE class wherever they sit in the
 * cause chain (Axon and Spring wrap them in types of their own). See docs/adr/0017.
 */
final class DependencyFailures {

    static final Problem EVENT_LOG = new Problem(
            ErrorCode.EVENT_LOG_UNAVAILABLE,
            "The event log is unavailable; nothing was changed. Retry with the same Idempotency-Key.",
            List.of());
    static final Problem STORAGE = new Problem(
            ErrorCode.STORAGE_UNAVAILABLE,
            "Object storage is unavailable or did not answer in time; nothing was changed. "
                    + "Retry with the same Idempotency-Key.",
            List.of());
    static final Problem LIVE_FANOUT = new Problem(
            ErrorCode.LIVE_FANOUT_UNAVAILABLE, "The live fan-out (Redis) is unavailable; retry shortly.", List.of());

    private static final String S3_SDK = "software.amazon.awssdk.";
    private static final List<String> REDIS = List.of("io.lettuce.", "org.springframework.data.redis.");

    private DependencyFailures() {}

    /** The problem for this one throwable when it is a dependency's failure, else null. */
    static Problem classifyOne(Throwable t) {
        String type = t.getClass().getName();
        if (type.startsWith(S3_SDK)) {
            return STORAGE;
        }
        if (REDIS.stream().anyMatch(type::startsWith)) {
            return LIVE_FANOUT;
        }
        if (t instanceof SQLException sql && eventLogUnavailable(sql.getSQLState())) {
            return EVENT_LOG;
        }
        if (t instanceof R2dbcException r2dbc && eventLogUnavailable(r2dbc.getSqlState())) {
            return EVENT_LOG;
        }
        return null;
    }

    /**
     * SQLSTATEs that say "the server is not there for us right now", as opposed to "this statement is
     * wrong": connection exceptions (08), operator intervention (57: admin/crash shutdown, cannot
     * connect now, statement timeout), insufficient resources (53: too many connections, disk full)
     * and system errors (58).
     */
    static boolean eventLogUnavailable(String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return false;
        }
        String sqlClass = sqlState.substring(0, 2);
        return sqlClass.equals("08") || sqlClass.equals("57") || sqlClass.equals("53") || sqlClass.equals("58");
    }
}
