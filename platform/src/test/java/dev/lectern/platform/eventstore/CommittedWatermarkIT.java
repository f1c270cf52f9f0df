package dev.lectern.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The trap the watermark exists for, on a real PostgreSQL: position N+1 commits while N is still in
 * flight. A tracking reader must not move past N until N's transaction has ended.
 */
class CommittedWatermarkIT extends PlatformIT {

    @Autowired
    DataSource dataSource;

    @Test
    void aLaterPositionThatCommitsFirstIsHeldBackUntilTheEarlierOneHasCommitted() throws SQLException {
        WatermarkedReads reads = new WatermarkedReads();
        try (Connection slow = dataSource.getConnection();
                Connection fast = dataSource.getConnection();
                Connection reader = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            fast.setAutoCommit(false);
            long earlier = insert(slow);
            long later = insert(fast);
            assertThat(later).isGreaterThan(earlier);
            fast.commit();

            long watermark = reads.observe(reader);
            assertThat(watermark)
                    .as("nothing at or past the position still in flight")
                    .isLessThan(earlier);
            try (PreparedStatement read = reads.withoutGaps()
                            .build(reader, new EventStoreConfiguration().eventSchema(), earlier - 1, 100);
                    ResultSet rows = read.executeQuery()) {
                assertThat(rows.next())
                        .as("the later event is not handed to readers yet")
                        .isFalse();
            }

            slow.commit();
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.observe(reader) >= later);
        }
    }

    @Test
    void aRolledBackPositionIsAPermanentGapAndDoesNotHoldReadersBack() throws SQLException {
        WatermarkedReads reads = new WatermarkedReads();
        try (Connection aborted = dataSource.getConnection();
                Connection reader = dataSource.getConnection()) {
            aborted.setAutoCommit(false);
            long gap = insert(aborted);
            aborted.rollback();
            long after;
            try (Connection committed = dataSource.getConnection()) {
                after = insert(committed);
            }
            assertThat(after).isGreaterThan(gap);
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.observe(reader) >= after);
        }
    }

    /** A revision-1 session.scheduled event of a class of its own (upcast when read); returns its position. */
    private static long insert(Connection connection) throws SQLException {
        String session = UUID.randomUUID().toString();
        String payload = "{\"sessionId\":\"" + session + "\",\"tenantId\":\"watermark-test\",\"title\":\"Watermark\","
                + "\"startsAt\":\"2026-01-05T09:00:00Z\",\"scheduledAt\":\"2026-01-01T09:00:00Z\"}";
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO session_state_events (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                    payload, payload_revision, payload_type, time_stamp, tenant_id, session_id, event_name, occurred_at)
                VALUES (?, 0, 'Session', ?, ?, ?, '1', 'dev.lectern.events.session.SessionScheduledEvent',
                        '2026-01-01T09:00:00Z', 'watermark-test', ?::uuid, 'session.scheduled', '2026-01-01T09:00:00Z')
                RETURNING global_index""")) {
            insert.setString(1, session);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(4, payload.getBytes(StandardCharsets.UTF_8));
            insert.setString(5, session);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
