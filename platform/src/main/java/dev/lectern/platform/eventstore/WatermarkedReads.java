package dev.lectern.platform.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.FetchTrackedEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithoutGapsStatementBuilder;

/**
 * Axon's tracking reads of {@code session_state_events}, capped at the {@link CommittedWatermark}: a
 * tracking processor (projections, the live fan-out, sagas) only ever sees a position once nothing
 * below it can still appear, so every reader gets the log in strict position order.
 */
final class WatermarkedReads {

    private final CommittedWatermark watermark = new CommittedWatermark();

    ReadEventDataWithoutGapsStatementBuilder withoutGaps() {
        return (connection, schema, globalIndex, batchSize) -> {
            long upTo = Math.min(globalIndex + batchSize, watermark.observe(connection));
            PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                    + " FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ? AND "
                    + schema.globalIndexColumn() + " <= ? ORDER BY " + schema.globalIndexColumn() + " ASC");
            statement.setLong(1, globalIndex);
            statement.setLong(2, upTo);
            return statement;
        };
    }

    ReadEventDataWithGapsStatementBuilder withGaps() {
        return (connection, schema, globalIndex, batchSize, gaps) -> {
            long upTo = Math.min(globalIndex + batchSize, watermark.observe(connection));
            PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                    + " FROM " + schema.domainEventTable() + " WHERE (" + schema.globalIndexColumn() + " > ? AND "
                    + schema.globalIndexColumn() + " <= ?) OR " + schema.globalIndexColumn() + " IN ("
                    + String.join(",", Collections.nCopies(gaps.size(), "?")) + ") ORDER BY "
                    + schema.globalIndexColumn() + " ASC");
            statement.setLong(1, globalIndex);
            statement.setLong(2, upTo);
            for (int i = 0; i < gaps.size(); i++) {
                statement.setLong(i + 3, gaps.get(i));
            }
            return statement;
        };
    }

    /** The extended gap check ("where is the next event after a long gap?"), also capped. */
    FetchTrackedEventsStatementBuilder nextPosition() {
        return (connection, schema, index) -> {
            long cap = watermark.observe(connection);
            PreparedStatement statement = connection.prepareStatement("SELECT min(" + schema.globalIndexColumn()
                    + ") FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ? AND "
                    + schema.globalIndexColumn() + " <= ?");
            statement.setLong(1, index);
            statement.setLong(2, cap);
            return statement;
        };
    }

    /** For tests and diagnostics. */
    long observe(Connection connection) throws SQLException {
        return watermark.observe(connection);
    }
}
