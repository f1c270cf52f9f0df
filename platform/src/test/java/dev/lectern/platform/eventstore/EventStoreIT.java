package dev.lectern.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/** session_state_events on real PostgreSQL: extra columns, uniqueness, immutability, upcasting. */
class EventStoreIT extends PlatformIT {

    private static final TenantId TENANT = new TenantId("event-store-it");

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventStorageEngine storageEngine;

    @Test
    void appendedEventsCarryTenantSessionPublicNameAndTime() {
        SessionId id = schedule();

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT tenant_id, session_id, event_name, type, aggregate_identifier, sequence_number,
                       payload_type, payload_revision, occurred_at, global_index
                FROM session_state_events WHERE session_id = ?""", id.value());

        assertThat(row.get("tenant_id")).isEqualTo(TENANT.value());
        assertThat(row.get("session_id")).isEqualTo(id.value());
        assertThat(row.get("event_name")).isEqualTo("session.scheduled");
        assertThat(row.get("type")).isEqualTo("Session");
        assertThat(row.get("aggregate_identifier")).isEqualTo(id.toString());
        assertThat(row.get("sequence_number")).isEqualTo(0L);
        assertThat(row.get("payload_type")).isEqualTo(SessionScheduledEvent.class.getName());
        assertThat(row.get("payload_revision")).isEqualTo("3");
        assertThat(row.get("occurred_at")).isNotNull();
        // The auditors' view decodes the payload as JSON.
        assertThat(jdbc.queryForObject(
                        "SELECT payload->>'title' FROM session_state_events_readable WHERE session_id = ?",
                        String.class,
                        id.value()))
                .isEqualTo("Event store IT");

        List<? extends DomainEventMessage<?>> stream =
                eventStore.readEvents(id.toString()).asStream().toList();
        assertThat(stream).hasSize(1);
        assertThat(stream.get(0).getPayload()).isInstanceOf(SessionScheduledEvent.class);
    }

    @Test
    void aSecondEventWithTheSameAggregateAndSequenceIsRejected() {
        SessionId id = schedule();
        SessionScheduledEvent duplicate = new SessionScheduledEvent(
                id, TENANT, "Twin", Instant.now(), 30, false, Instant.now(), null, null, null);

        // Sequence 0 taken: the stream already exists.
        assertThatThrownBy(() -> storageEngine.appendEvents(
                        new GenericDomainEventMessage<>("Session", id.toString(), 0L, duplicate)))
                .isInstanceOf(AggregateStreamCreationException.class);
        // Any later sequence taken twice: a concurrent writer lost (SQLSTATE 23505 recognised).
        storageEngine.appendEvents(new GenericDomainEventMessage<>("Session", id.toString(), 1L, duplicate));
        assertThatThrownBy(() -> storageEngine.appendEvents(
                        new GenericDomainEventMessage<>("Session", id.toString(), 1L, duplicate)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(eventCount(id.value())).isEqualTo(2);
    }

    @Test
    void onlyCataloguedLecternEventsMayBeAppended() {
        long before = eventCount();

        assertThatThrownBy(() -> storageEngine.appendEvents(GenericEventMessage.asEventMessage("not a class event")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Only Lectern events");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void theLogIsAppendOnly() {
        SessionId id = schedule();

        assertThatThrownBy(() -> jdbc.update(
                        "UPDATE session_state_events SET event_name = 'session.tampered' WHERE session_id = ?",
                        id.value()))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM session_state_events WHERE session_id = ?", id.value()))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE session_state_events"))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");

        assertThat(jdbc.queryForObject(
                        "SELECT event_name FROM session_state_events WHERE session_id = ?", String.class, id.value()))
                .isEqualTo("session.scheduled");
    }

    @Test
    void revisionOneEventsStoredLongAgoAreUpcastWhenRead() {
        SessionId id = SessionId.of(UUID.randomUUID());
        String revisionOne = "{\"sessionId\":\"" + id + "\",\"tenantId\":\"" + TENANT + "\",\"title\":\"Legacy class\","
                + "\"startsAt\":\"2026-01-05T09:00:00Z\",\"scheduledAt\":\"2026-01-01T09:00:00Z\"}";
        jdbc.update(
                """
                INSERT INTO session_state_events (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                    payload, payload_revision, payload_type, time_stamp, tenant_id, session_id, event_name, occurred_at)
                VALUES (?, 0, 'Session', ?, ?, ?, '1', ?, '2026-01-01T09:00:00Z', ?, ?, 'session.scheduled', '2026-01-01T09:00:00Z')""",
                id.toString(),
                UUID.randomUUID().toString(),
                "{}".getBytes(StandardCharsets.UTF_8),
                revisionOne.getBytes(StandardCharsets.UTF_8),
                SessionScheduledEvent.class.getName(),
                TENANT.value(),
                id.value());

        SessionScheduledEvent event = (SessionScheduledEvent)
                eventStore.readEvents(id.toString()).next().getPayload();

        assertThat(event.title()).isEqualTo("Legacy class");
        assertThat(event.durationMinutes()).isEqualTo(60);
        assertThat(event.recordingEnabled()).isFalse();
        assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(event.scheduledBy()).isNull();
    }

    @Test
    void eventsStoredUnderAPackageTheirClassHasSinceLeftStillRead() {
        SessionId id = SessionId.of(UUID.randomUUID());
        UUID message = UUID.randomUUID();
        String payload = "{\"sessionId\":\"" + id + "\",\"tenantId\":\"" + TENANT + "\",\"messageId\":\"" + message
                + "\",\"userId\":\"" + UUID.randomUUID() + "\",\"classRole\":\"student\",\"text\":\"before the move\","
                + "\"postedAt\":\"2026-01-01T09:00:00Z\"}";
        jdbc.update(
                """
                INSERT INTO session_state_events (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                    payload, payload_revision, payload_type, time_stamp, tenant_id, session_id, event_name, occurred_at)
                VALUES (?, 0, 'Session', ?, ?, ?, '1', ?, '2026-01-01T09:00:00Z', ?, ?, 'chat.posted', '2026-01-01T09:00:00Z')""",
                id.toString(),
                UUID.randomUUID().toString(),
                "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8),
                "dev.lectern.events.session.ChatMessagePostedEvent",
                TENANT.value(),
                id.value());

        Object event = eventStore.readEvents(id.toString()).next().getPayload();

        assertThat(event).isInstanceOf(ChatMessagePostedEvent.class);
        assertThat(((ChatMessagePostedEvent) event).text()).isEqualTo("before the move");
        assertThat(((ChatMessagePostedEvent) event).messageId()).isEqualTo(MessageId.of(message));
    }

    private SessionId schedule() {
        SessionId id = SessionId.random();
        commands.sendAndWait(new ScheduleSessionCommand(
                id, TENANT, "Event store IT", Instant.now().plus(1, ChronoUnit.DAYS), 50, false, null, null, null));
        return id;
    }
}
