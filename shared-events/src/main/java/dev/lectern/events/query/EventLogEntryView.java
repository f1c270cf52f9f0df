package dev.lectern.events.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One row of a session's raw event log, as stored. {@code position} is the global index: strictly
 * increasing within a session and the order in which to apply events. {@code sequence} is the
 * event's number within its aggregate stream ({@code aggregateType}/{@code aggregateId}).
 */
public record EventLogEntryView(
        long position,
        String name,
        String aggregateType,
        String aggregateId,
        long sequence,
        Instant occurredAt,
        String payloadRevision,
        JsonNode payload,
        JsonNode metadata) {}
