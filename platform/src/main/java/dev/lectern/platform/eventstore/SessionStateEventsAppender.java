package dev.lectern.platform.eventstore;

import dev.lectern.events.EventCatalogue;
import dev.lectern.events.LecternEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's append statement plus Lectern's columns: {@code tenant_id}, {@code session_id},
 * {@code event_name} (the stable public name) and {@code occurred_at} (a real timestamptz for
 * auditors; Axon's own {@code time_stamp} stays an ISO string). They are taken from the event
 * itself, so no caller can forget them, and an event that is not a catalogued Lectern event is
 * refused before anything is written.
 */
final class SessionStateEventsAppender implements AppendEventsStatementBuilder {

    private final Runnable afterCommit;

    /** {@code afterCommit} runs once the database transaction that appended the events has committed. */
    SessionStateEventsAppender(Runnable afterCommit) {
        this.afterCommit = afterCommit;
    }

    @Override
    public PreparedStatement build(
            Connection connection,
            EventSchema schema,
            Class<?> dataType,
            List<? extends EventMessage<?>> events,
            Serializer serializer,
            TimestampWriter timestampWriter)
            throws SQLException {
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields()
                + ", tenant_id, session_id, event_name, occurred_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
        PreparedStatement statement = connection.prepareStatement(sql);
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = asDomainEvent(message);
            Object payload = event.getPayload();
            if (!(payload instanceof LecternEvent lecternEvent)) {
                throw new IllegalArgumentException("Only Lectern events go into session_state_events, not "
                        + event.getPayloadType().getName());
            }
            String name = EventCatalogue.nameOf(payload.getClass())
                    .orElseThrow(() ->
                            new IllegalArgumentException(payload.getClass().getName()
                                    + " is not in the event catalogue (missing from its sealed interface?)"));
            SerializedObject<?> serializedPayload = event.serializePayload(serializer, dataType);
            SerializedObject<?> serializedMetaData = event.serializeMetaData(serializer, dataType);
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
            statement.setString(6, serializedPayload.getType().getName());
            statement.setString(7, serializedPayload.getType().getRevision());
            statement.setObject(8, serializedPayload.getData());
            statement.setObject(9, serializedMetaData.getData());
            statement.setString(10, lecternEvent.tenantId().value());
            statement.setObject(11, lecternEvent.sessionId().value());
            statement.setString(12, name);
            statement.setTimestamp(13, Timestamp.from(event.getTimestamp()));
            statement.addBatch();
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    SessionStateEventsAppender.this.afterCommit.run();
                }
            });
        }
        return statement;
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent;
        }
        return new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
