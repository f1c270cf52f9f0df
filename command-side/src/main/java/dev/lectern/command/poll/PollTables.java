package dev.lectern.command.poll;

import dev.lectern.command.tables.WriteSideTables;
import dev.lectern.events.poll.PollClosedEvent;
import dev.lectern.events.poll.PollCreatedEvent;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.poll.PollOpenedEvent;
import dev.lectern.events.poll.PollResultsPublishedEvent;
import dev.lectern.events.poll.VoteCastEvent;
import dev.lectern.events.poll.VoteChangedEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the poll's command-side rows current from its events, in the unit of work that appends them
 * (docs/adr/0021-write-side-tables-fed-by-events.md): the gate row that votes read under the poll's lock
 * ({@code poll_gate}, docs/adr/0010), the poll's definition and published results ({@code poll_definitions}), and
 * each person's current ballot ({@code poll_ballots}, for the tally and to tell a change from a first vote).
 * Every write is an idempotent upsert; a gate transition that does not follow the row's state fails the command.
 */
@Component
@ProcessingGroup(WriteSideTables.PROCESSING_GROUP)
class PollTables {

    private static final String GATE = """
            INSERT INTO poll_gate (tenant_id, poll_id, session_id, status, option_count, multiple_choice, allow_change,
                                   show_live_results, owner_id, course_id, updated_at)
            VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, (SELECT course_id FROM class_courses WHERE session_id = ?), ?)
            ON CONFLICT (poll_id) DO NOTHING""";
    private static final String DEFINITION = """
            INSERT INTO poll_definitions (poll_id, tenant_id, session_id, question, options, correct_options)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (poll_id) DO NOTHING""";
    /** Idempotent: the row may already be in the target state; any other state means the two drifted apart. */
    private static final String MOVE = """
            UPDATE poll_gate SET status = ?, updated_at = ? WHERE poll_id = ? AND status IN (?, ?)""";

    private static final String RESULTS = """
            UPDATE poll_definitions SET published_counts = ?, published_ballots = ? WHERE poll_id = ?""";
    /** The last event of a ballot wins (vote_changed after vote_cast). */
    private static final String BALLOT = """
            INSERT INTO poll_ballots (poll_id, user_id, tenant_id, session_id, options) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (poll_id, user_id) DO UPDATE SET options = EXCLUDED.options""";

    private final JdbcTemplate jdbc;

    PollTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PollCreatedEvent event, @Timestamp Instant at) {
        jdbc.update(
                GATE,
                event.tenantId().value(),
                event.pollId().value(),
                event.sessionId().value(),
                event.options().size(),
                event.multipleChoice(),
                event.allowChange(),
                event.showLiveResults(),
                event.owner() == null ? null : event.owner().value(),
                event.sessionId().value(),
                java.sql.Timestamp.from(at));
        jdbc.update(DEFINITION, ps -> {
            ps.setObject(1, event.pollId().value());
            ps.setString(2, event.tenantId().value());
            ps.setObject(3, event.sessionId().value());
            ps.setString(4, event.question());
            ps.setArray(
                    5, ps.getConnection().createArrayOf("text", event.options().toArray()));
            ps.setArray(
                    6,
                    event.correctOptions() == null
                            ? null
                            : ps.getConnection()
                                    .createArrayOf(
                                            "integer", event.correctOptions().toArray()));
        });
    }

    @EventHandler
    void on(PollOpenedEvent event, @Timestamp Instant at) {
        move(event.pollId(), PollGate.Status.DRAFT, PollGate.Status.OPEN, at);
    }

    @EventHandler
    void on(PollClosedEvent event, @Timestamp Instant at) {
        move(event.pollId(), PollGate.Status.OPEN, PollGate.Status.CLOSED, at);
    }

    @EventHandler
    void on(PollResultsPublishedEvent event, @Timestamp Instant at) {
        move(event.pollId(), PollGate.Status.CLOSED, PollGate.Status.PUBLISHED, at);
        jdbc.update(RESULTS, ps -> {
            ps.setArray(
                    1, ps.getConnection().createArrayOf("bigint", event.counts().toArray()));
            ps.setLong(2, event.ballots());
            ps.setObject(3, event.pollId().value());
        });
    }

    @EventHandler
    void on(VoteCastEvent event) {
        ballot(
                event.pollId(),
                event.userId().value(),
                event.tenantId().value(),
                event.sessionId().value(),
                event.options());
    }

    @EventHandler
    void on(VoteChangedEvent event) {
        ballot(
                event.pollId(),
                event.userId().value(),
                event.tenantId().value(),
                event.sessionId().value(),
                event.options());
    }

    private void ballot(PollId pollId, UUID userId, String tenantId, UUID sessionId, List<Integer> options) {
        jdbc.update(BALLOT, ps -> {
            ps.setObject(1, pollId.value());
            ps.setObject(2, userId);
            ps.setString(3, tenantId);
            ps.setObject(4, sessionId);
            ps.setArray(5, ps.getConnection().createArrayOf("integer", options.toArray()));
        });
    }

    private void move(PollId pollId, PollGate.Status from, PollGate.Status to, Instant at) {
        int updated =
                jdbc.update(MOVE, to.value(), java.sql.Timestamp.from(at), pollId.value(), from.value(), to.value());
        if (updated != 1) {
            throw new IllegalStateException("poll_gate of " + pollId + " is neither " + from.value() + " nor "
                    + to.value() + " while its events say so");
        }
    }
}
