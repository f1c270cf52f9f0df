package dev.lectern.command.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.BallotId;
import dev.lectern.events.session.SessionId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code poll_gate} row of each poll and the poll's advisory lock (docs/adr/0010), plus the few reads of a poll's
 * events the endpoints need (its definition, its tally). Every method runs in the caller's transaction.
 *
 * <p>A vote takes the poll's lock shared, then reads the row; closing takes it exclusively before ClosePollCommand and
 * sets the row to closed in the same transaction. Voters therefore never wait for each other, and a vote either
 * commits before poll.closed is appended or reads 'closed' and is refused.
 */
@Component
class PollGate {

    enum Status { DRAFT, OPEN, CLOSED, PUBLISHED;

        String value() {
            return name().toLowerCase();
        }

        static Status of(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    /** The gate row as a vote (or a teacher's action) sees it; {@code enrolledAs} is the voter's course role, if any. */
    record Gate(UUID pollId, SessionId sessionId, Status status, int optionCount, boolean multipleChoice, boolean allowChange,
                boolean showLiveResults, UserId owner, UUID courseId, String enrolledAs, boolean revoked) {

        /** The voter's course enrolment in the shape {@code ClassRoles.of} takes. */
        Map<UUID, String> enrollments() {
            return courseId == null || enrolledAs == null ? Map.of() : Map.of(courseId, enrolledAs);
        }
    }

    /** Counts per option (0-based) over the last ballot of each person, and the number of ballots. */
    record Tally(List<Long> counts, long ballots) {
    }

    private static final String INSERT = """
            INSERT INTO poll_gate (tenant_id, poll_id, session_id, status, option_count, multiple_choice, allow_change,
                                   show_live_results, owner_id, course_id, updated_at)
            VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)""";
    private static final String READ = """
            SELECT g.poll_id, g.session_id, g.status, g.option_count, g.multiple_choice, g.allow_change,
                   g.show_live_results, g.owner_id, g.course_id, e.role,
                   EXISTS (SELECT 1 FROM class_revocations r WHERE r.tenant_id = g.tenant_id AND r.session_id = g.session_id
                           AND r.user_id = e2.user_id) AS revoked
            FROM poll_gate g
            CROSS JOIN (SELECT ?::uuid AS user_id) e2
            LEFT JOIN enrollments e ON e.tenant_id = g.tenant_id AND e.course_id = g.course_id AND e.user_id = e2.user_id
            WHERE g.tenant_id = ? AND g.poll_id = ?""";
    private static final String MOVE = """
            UPDATE poll_gate SET status = ?, updated_at = ? WHERE poll_id = ? AND status = ?""";
    /** The last event of each person's ballot in this poll wins (vote_changed after vote_cast). */
    private static final String TALLY = """
            WITH ballots AS (
                SELECT DISTINCT ON (aggregate_identifier) convert_from(payload, 'UTF8')::jsonb -> 'options' AS options
                FROM session_state_events
                WHERE session_id = ? AND event_name IN ('poll.vote_cast', 'poll.vote_changed') AND aggregate_identifier LIKE ?
                ORDER BY aggregate_identifier, sequence_number DESC)
            SELECT -1 AS option, count(*) AS n FROM ballots
            UNION ALL
            SELECT o.value::int, count(*) FROM ballots, jsonb_array_elements_text(ballots.options) AS o(value) GROUP BY o.value""";
    private static final String POLL_EVENTS = """
            SELECT event_name, convert_from(payload, 'UTF8') AS payload FROM session_state_events
            WHERE aggregate_identifier = ? AND event_name IN ('poll.created', 'poll.results_published')
            ORDER BY sequence_number""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    PollGate(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** The poll's 64-bit advisory lock key. Two polls sharing a key would only serialise each other's closes, never mix state. */
    static long lockKey(UUID pollId) {
        return pollId.getMostSignificantBits() ^ pollId.getLeastSignificantBits();
    }

    void created(Actor actor, UUID pollId, SessionId sessionId, int optionCount, boolean multipleChoice, boolean allowChange,
                 boolean showLiveResults, UserId owner, UUID courseId) {
        jdbc.update(INSERT, actor.tenantId().value(), pollId, sessionId.value(), optionCount, multipleChoice, allowChange,
                showLiveResults, owner == null ? null : owner.value(), courseId, Timestamp.from(clock.instant()));
    }

    /** Held until the transaction ends; many votes hold it at once. */
    void lockForVote(UUID pollId) {
        jdbc.query("SELECT pg_advisory_xact_lock_shared(?)", rs -> null, lockKey(pollId));
    }

    /** Waits for every vote in flight to commit or roll back; votes arriving meanwhile queue behind it. */
    void lockForClose(UUID pollId) {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, lockKey(pollId));
    }

    /** The poll of this class in the actor's school, with the actor's course role; 404 otherwise. */
    Gate require(Actor actor, SessionId sessionId, UUID pollId) {
        List<Gate> rows = jdbc.query(READ, PollGate::gate, actor.userId() == null ? null : actor.userId().value(),
                actor.tenantId().value(), pollId);
        if (rows.isEmpty() || !rows.get(0).sessionId().equals(sessionId)) {
            throw new RequestRejectedException(ErrorCode.POLL_NOT_FOUND, "No poll " + pollId + " in class " + sessionId);
        }
        return rows.get(0);
    }

    /** Follows the aggregate's transition in the same transaction; a row in another state means the two drifted apart. */
    void moved(UUID pollId, Status from, Status to) {
        int updated = jdbc.update(MOVE, to.value(), Timestamp.from(clock.instant()), pollId, from.value());
        if (updated != 1) {
            throw new IllegalStateException("poll_gate of " + pollId + " is not " + from.value() + " while its events say so");
        }
    }

    /** Whether this person has a ballot in the log already (only asked for polls that allow changing a vote). */
    boolean hasBallot(BallotId ballotId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM session_state_events WHERE aggregate_identifier = ?)", Boolean.class,
                ballotId.toString()));
    }

    Tally tally(Gate gate) {
        long[] counts = new long[gate.optionCount()];
        long[] ballots = {0};
        jdbc.query(TALLY, rs -> {
            int option = rs.getInt("option");
            long n = rs.getLong("n");
            if (option == -1) {
                ballots[0] = n;
            } else if (option >= 0 && option < counts.length) {
                counts[option] = n;
            }
        }, gate.sessionId().value(), gate.pollId() + ":%");
        List<Long> list = new ArrayList<>(counts.length);
        for (long c : counts) {
            list.add(c);
        }
        return new Tally(Collections.unmodifiableList(list), ballots[0]);
    }

    /** The poll's definition (poll.created) and, once published, its results (poll.results_published), as stored. */
    PollRecord record(UUID pollId) {
        JsonNode[] found = new JsonNode[2];
        jdbc.query(POLL_EVENTS, rs -> {
            JsonNode payload = parse(rs.getString("payload"));
            found["poll.created".equals(rs.getString("event_name")) ? 0 : 1] = payload;
        }, pollId.toString());
        if (found[0] == null) {
            throw new IllegalStateException("poll_gate has poll " + pollId + " but the log has no poll.created");
        }
        return new PollRecord(found[0], found[1]);
    }

    record PollRecord(JsonNode created, JsonNode published) {
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event payload is not JSON", e);
        }
    }

    private static Gate gate(ResultSet rs, int row) throws SQLException {
        UUID owner = rs.getObject("owner_id", UUID.class);
        return new Gate(rs.getObject("poll_id", UUID.class), new SessionId(rs.getObject("session_id", UUID.class)),
                Status.of(rs.getString("status")), rs.getInt("option_count"), rs.getBoolean("multiple_choice"),
                rs.getBoolean("allow_change"), rs.getBoolean("show_live_results"), owner == null ? null : new UserId(owner),
                rs.getObject("course_id", UUID.class), rs.getString("role"), rs.getBoolean("revoked"));
    }
}
