package dev.lectern.sagas.livekit;

import dev.lectern.events.Cause;
import dev.lectern.events.attendance.RecordMediaPresenceCommand;
import dev.lectern.events.error.DomainError;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.recording.FinalizeRecordingCommand;
import dev.lectern.events.session.FinishMediaRoomCommand;
import dev.lectern.events.session.SessionId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import livekit.LivekitWebhook;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one verified LiveKit webhook delivery: each event id is accepted once ({@code webhook_deliveries}),
 * recorded in the same transaction as the command it causes, and the delivery is the cause in the metadata
 * of whatever that command appends. A delivery for a room that is no Lectern class, an unknown class or
 * another school's class is {@code ignored} and logged: it is not a failed delivery.
 */
@Component
class LiveKitWebhooks {

    private static final Logger log = LoggerFactory.getLogger(LiveKitWebhooks.class);
    private static final String ROOM_PREFIX = "lectern-";

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LiveKitWebhooks(
            CommandGateway commands, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The answer's {@code status}: accepted, duplicate or ignored. Blocking (JDBC and the command bus). */
    Map<String, String> handle(LivekitWebhook.WebhookEvent event) {
        String roomName =
                event.hasEgressInfo() && !event.getEgressInfo().getRoomName().isEmpty()
                        ? event.getEgressInfo().getRoomName()
                        : event.getRoom().getName();
        try {
            return transaction.execute(status -> {
                int fresh = jdbc.update("""
                        INSERT INTO webhook_deliveries (provider, event_id, event, received_at) VALUES ('livekit', ?, ?, ?)
                        ON CONFLICT DO NOTHING""", event.getId(), event.getEvent(), Timestamp.from(clock.instant()));
                if (fresh == 0) {
                    return Map.of("status", "duplicate");
                }
                Optional<RoomOfClass> room = RoomOfClass.parse(roomName);
                if (room.isEmpty()) {
                    return ignored(event, roomName, "not a Lectern room");
                }
                Object command = command(event, room.get());
                if (command == null) {
                    return Map.of("status", "ignored");
                }
                // The delivery is the cause of whatever the command appends (docs/adr/0016-*.md).
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Cause.webhook(Cause.LIVEKIT_WEBHOOK, event.getId(), event.getEvent())));
                return Map.of("status", "accepted");
            });
        } catch (RuntimeException e) {
            if (!isUnknownClass(e)) {
                throw e;
            }
            // Unknown to Lectern, or another school's class: nothing to do, and LiveKit must not count a
            // failed delivery (it would retry, then give up on the endpoint). The transaction rolled back.
            return ignored(event, roomName, "no such class in this room's school");
        }
    }

    private static Map<String, String> ignored(LivekitWebhook.WebhookEvent event, String roomName, String why) {
        log.info("LiveKit webhook {} ({}) for room {} ignored: {}", event.getId(), event.getEvent(), roomName, why);
        return Map.of("status", "ignored");
    }

    /** The aggregate does not exist, or belongs to another tenant than the room name says (answered as not found). */
    private static boolean isUnknownClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return DomainError.in(failure)
                .map(refusal -> refusal.code() == ErrorCode.SESSION_NOT_FOUND || refusal.code() == ErrorCode.NOT_FOUND)
                .orElse(false);
    }

    private static Object command(LivekitWebhook.WebhookEvent event, RoomOfClass room) {
        return switch (event.getEvent()) {
            case "participant_joined", "participant_left" ->
                UserId.parse(event.getParticipant().getIdentity())
                        .map(user -> (Object) new RecordMediaPresenceCommand(
                                room.session(), room.tenant(), user, "participant_joined".equals(event.getEvent())))
                        .orElse(null);
            case "room_finished" -> new FinishMediaRoomCommand(room.session(), room.tenant());
            case "egress_ended" ->
                new FinalizeRecordingCommand(
                        room.session(),
                        room.tenant(),
                        event.getEgressInfo().getEgressId(),
                        LiveKitMediaPlane.status(event.getEgressInfo()));
            default -> {
                log.debug("LiveKit webhook {} needs no command", event.getEvent());
                yield null;
            }
        };
    }

    /** {@code lectern-<tenant>-<session uuid>}, as {@link LiveKitMediaPlane#roomName} builds it. */
    record RoomOfClass(TenantId tenant, SessionId session) {
        static Optional<RoomOfClass> parse(String room) {
            if (room == null || !room.startsWith(ROOM_PREFIX) || room.length() < ROOM_PREFIX.length() + 38) {
                return Optional.empty();
            }
            String tenant = room.substring(ROOM_PREFIX.length(), room.length() - 37);
            return SessionId.parse(room.substring(room.length() - 36))
                    .filter(s -> room.charAt(room.length() - 37) == '-' && TenantId.isValid(tenant))
                    .map(s -> new RoomOfClass(new TenantId(tenant), s));
        }
    }
}
