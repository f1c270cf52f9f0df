package dev.lectern.command.poll;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.session.SessionId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads of the poll's command-side rows and the poll's advisory lock (docs/adr/0010): the {@code poll_gate} row
 * (with the voter's enrolment, revocation and ballot in the same statement), the definition, the tally of the current
 * ballots. The rows are written by {@link PollTables} in the unit of work of each event (docs/adr/0021), never
 * here, and nothing here reads stored events. Every method runs in the caller's transaction.
 *
 * <p>A vote takes the poll's lock shared, then reads the row; closing takes it exclusively before ClosePollCommand, and
 * poll.closed sets the row to closed in the same transaction. Voters therefore never wait for each other, and a vote
 * either commits before poll.closed is appended or reads 'closed' and is refused.
 */
@Component
class PollGate {

    enum Status {
        DRAFT,
        OPEN,
        CLOSED,
        PUBLISHED;

        String value() {
            return name().toLowerCase();
        }

        static Status of(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    /**
     * The gate row as a vote (or a teacher's action) sees it; {@code enrolledAs} is the voter's course role, if any;
     * {@code hasBallot} whether the voter has a ballot already (only looked up in polls that allow a change).
     */
    record Gate(
            PollId pollId,
            SessionId sessionId,
            Status status,
            int optionCount,
            boolean multipleChoice,
            boolean allowChange,
            boolean showLiveResults,
            UserId owner,
            CourseId courseId,
            String enrolledAs,
            boolean revoked,
            boolean hasBallot) {

        /** The voter's course enrolment in the shape {@code ClassRoles.of} takes. */
        Map<UUID, String> enrollments() {
            return courseId == null || enrolledAs == null ? Map.of() : Map.of(courseId.value(), enrolledAs);
        }
    }

    /** Counts per option (0-based) over the current ballot of each person, and the number of ballots. */
    record Tally(List<Long> counts, long ballots) {}

    /** What the poll asks, and its results once published ({@code publishedCounts} null before). */
    record Definition(
            String question,
            List<String> options,
            List<Integer> correctOptions,
            List<Long> publishedCounts,
            Long publishedBallots) {

        boolean published() {
            return publishedCounts != null;
        }
    }

    private static final String READ = """
            SELECT g.poll_id, g.session_id, g.status, g.option_count, g.multiple_choice, g.allow_change,
                   g.show_live_results, g.owner_id, g.course_id, e.role,
                   EXISTS (SELECT 1 FROM class_revocations r WHERE r.tenant_id = g.tenant_id AND r.session_id = g.session_id
                           AND r.user_id = e2.user_id) AS revoked,
                   g.allow_change AND EXISTS (SELECT 1 FROM poll_ballots b WHERE b.poll_id = g.poll_id
                           AND b.user_id = e2.user_id) AS has_ballot
            FROM poll_gate g
            CROSS JOIN (SELECT ?::uuid AS user_id) e2
            LEFT JOIN enrollments e ON e.tenant_id = g.tenant_id AND e.course_id = g.course_id AND e.user_id = e2.user_id
            WHERE g.tenant_id = ? AND g.poll_id = ?""";
    /** Each ballot's options as chosen; option -1 carries the number of ballots. */
    private static final String TALLY = """
            SELECT -1 AS option, count(*) AS n FROM poll_ballots WHERE poll_id = ?
            UNION ALL
            SELECT o.value, count(*) FROM poll_ballots b, unnest(b.options) AS o(value) WHERE b.poll_id = ? GROUP BY o.value""";

    private static final String DEFINITION = """
            SELECT question, options, correct_options, published_counts, published_ballots FROM poll_definitions
            WHERE poll_id = ?""";

    private final JdbcTemplate jdbc;

    PollGate(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The poll's 64-bit advisory lock key. Two polls sharing a key would only serialise each other's closes, never mix state. */
    static long lockKey(PollId pollId) {
        UUID value = pollId.value();
        return value.getMostSignificantBits() ^ value.getLeastSignificantBits();
    }

    /** Held until the transaction ends; many votes hold it at once. */
    void lockForVote(PollId pollId) {
        jdbc.query("SELECT pg_advisory_xact_lock_shared(?)", rs -> null, lockKey(pollId));
    }

    /** Waits for every vote in flight to commit or roll back; votes arriving meanwhile queue behind it. */
    void lockForClose(PollId pollId) {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, lockKey(pollId));
    }

    /** The poll of this class in the actor's school, with the actor's course role; 404 otherwise. */
    Gate require(Actor actor, SessionId sessionId, PollId pollId) {
        List<Gate> rows = jdbc.query(
                READ,
                PollGate::gate,
                actor.userId() == null ? null : actor.userId().value(),
                actor.tenantId().value(),
                pollId.value());
        if (rows.isEmpty() || !rows.get(0).sessionId().equals(sessionId)) {
            throw new RequestRejectedException(
                    ErrorCode.POLL_NOT_FOUND, "No poll " + pollId + " in class " + sessionId);
        }
        return rows.get(0);
    }

    Tally tally(Gate gate) {
        long[] counts = new long[gate.optionCount()];
        long[] ballots = {0};
        jdbc.query(
                TALLY,
                rs -> {
                    int option = rs.getInt("option");
                    long n = rs.getLong("n");
                    if (option == -1) {
                        ballots[0] = n;
                    } else if (option >= 0 && option < counts.length) {
                        counts[option] = n;
                    }
                },
                gate.pollId().value(),
                gate.pollId().value());
        List<Long> list = new ArrayList<>(counts.length);
        for (long c : counts) {
            list.add(c);
        }
        return new Tally(Collections.unmodifiableList(list), ballots[0]);
    }

    /** The poll's definition and, once published, its results. */
    Definition definition(PollId pollId) {
        List<Definition> rows = jdbc.query(
                DEFINITION,
                (rs, n) -> new Definition(
                        rs.getString("question"),
                        list(rs.getArray("options"), String.class),
                        list(rs.getArray("correct_options"), Integer.class),
                        list(rs.getArray("published_counts"), Long.class),
                        (Long) rs.getObject("published_ballots")),
                pollId.value());
        if (rows.isEmpty()) {
            throw new IllegalStateException("poll_gate has poll " + pollId + " but poll_definitions has not");
        }
        return rows.get(0);
    }

    private static <T> List<T> list(Array array, Class<T> type) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(type::cast).toList();
    }

    private static Gate gate(ResultSet rs, int row) throws SQLException {
        UUID owner = rs.getObject("owner_id", UUID.class);
        UUID course = rs.getObject("course_id", UUID.class);
        return new Gate(
                PollId.of(rs.getObject("poll_id", UUID.class)),
                new SessionId(rs.getObject("session_id", UUID.class)),
                Status.of(rs.getString("status")),
                rs.getInt("option_count"),
                rs.getBoolean("multiple_choice"),
                rs.getBoolean("allow_change"),
                rs.getBoolean("show_live_results"),
                owner == null ? null : new UserId(owner),
                course == null ? null : CourseId.of(course),
                rs.getString("role"),
                rs.getBoolean("revoked"),
                rs.getBoolean("has_ballot"));
    }
}
