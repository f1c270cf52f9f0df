package dev.lectern.query.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.lectern.events.query.EventLogEntryView;
import io.r2dbc.spi.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;

/** Rows of session_state_events as views, payloads and metadata as stored (no upcasting): the audit view of the log. */
public final class EventRows {

    /** The columns {@link #toView} reads. */
    public static final String COLUMNS = """
            global_index, event_name, type, aggregate_identifier, sequence_number, occurred_at, payload_revision,
            payload, meta_data""";

    private EventRows() {}

    public static EventLogEntryView toView(Row row, ObjectMapper json) {
        return new EventLogEntryView(
                row.get("global_index", Long.class),
                row.get("event_name", String.class),
                row.get("type", String.class),
                row.get("aggregate_identifier", String.class),
                row.get("sequence_number", Long.class),
                row.get("occurred_at", OffsetDateTime.class).toInstant(),
                row.get("payload_revision", String.class),
                readJson(row.get("payload", ByteBuffer.class), json),
                readJson(row.get("meta_data", ByteBuffer.class), json));
    }

    private static JsonNode readJson(ByteBuffer bytes, ObjectMapper json) {
        if (bytes == null) {
            return NullNode.getInstance();
        }
        byte[] data = new byte[bytes.remaining()];
        bytes.get(data);
        try {
            return json.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event is not JSON", e);
        }
    }
}
