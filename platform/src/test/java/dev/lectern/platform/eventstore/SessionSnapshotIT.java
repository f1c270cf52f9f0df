package dev.lectern.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ChangeSessionPermissionCommand;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.platform.support.PlatformIT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

/**
 * Session snapshots on real PostgreSQL (docs/adr/0019-session-members-and-snapshots.md): a class is snapshotted
 * after {@code lectern.snapshots.session-every} events, a class that is no longer cached is loaded from its
 * snapshot and decides as before, and a snapshot of another revision of the aggregate is ignored.
 */
class SessionSnapshotIT extends PlatformIT {

    private static final TenantId TENANT = new TenantId("snapshot-it");
    private static final UserId TEACHER_ID = UserId.random();
    private static final Actor TEACHER = new Actor(TENANT, "teacher@snapshot-it", TEACHER_ID, Set.of(Role.TEACHER));

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("sessionCache")
    Cache sessionCache;

    @Value("${lectern.snapshots.session-every}")
    int snapshotEvery;

    @Test
    void aClassIsSnapshottedAndAClassNoLongerCachedIsLoadedFromItsSnapshot() {
        SessionId id = SessionId.random();
        commands.sendAndWait(new ScheduleSessionCommand(
                id, TENANT, "Snapshot IT", Instant.now().plus(1, ChronoUnit.DAYS), 50, false, TEACHER_ID, null, null));
        List<UserId> presenters = new ArrayList<>();
        for (int i = 0; i < snapshotEvery; i++) {
            UserId user = UserId.random();
            presenters.add(user);
            Boolean changed = commands.sendAndWait(grant(id, user));
            assertThat(changed).isTrue();
        }

        Map<String, Object> snapshot = awaitSnapshot(id);
        assertThat(snapshot.get("type")).isEqualTo("Session");
        assertThat(snapshot.get("payload_type")).isEqualTo("dev.lectern.command.session.Session");
        assertThat(snapshot.get("payload_revision")).isEqualTo("1");
        assertThat((Long) snapshot.get("sequence_number")).isGreaterThanOrEqualTo(snapshotEvery - 1L);
        DomainEventMessage<?> first = eventStore.readEvents(id.toString()).peek();
        assertThat(first.getPayloadType().getName()).isEqualTo("dev.lectern.command.session.Session");

        sessionCache.remove(id.toString());
        // Loaded from the snapshot: every permission given before it is still known, and the sequence goes on.
        assertThat((Boolean) commands.sendAndWait(grant(id, presenters.get(0)))).isFalse();
        assertThat((Boolean) commands.sendAndWait(grant(id, presenters.get(snapshotEvery - 1))))
                .isFalse();
        assertThat((Boolean) commands.sendAndWait(grant(id, UserId.random()))).isTrue();
    }

    @Test
    void aSnapshotOfAnotherRevisionOfTheAggregateIsIgnored() {
        SessionId id = SessionId.random();
        commands.sendAndWait(new ScheduleSessionCommand(
                id, TENANT, "Snapshot IT", Instant.now().plus(1, ChronoUnit.DAYS), 50, false, TEACHER_ID, null, null));
        UserId first = UserId.random();
        commands.sendAndWait(grant(id, first));
        for (int i = 1; i < snapshotEvery; i++) {
            commands.sendAndWait(grant(id, UserId.random()));
        }
        awaitSnapshot(id);

        jdbc.update(
                "UPDATE session_state_snapshots SET payload_revision = '0' WHERE aggregate_identifier = ?",
                id.toString());
        sessionCache.remove(id.toString());

        assertThat(eventStore.readEvents(id.toString()).peek().getPayload()).isInstanceOf(SessionScheduledEvent.class);
        assertThat((Boolean) commands.sendAndWait(grant(id, first))).isFalse();
    }

    private static ChangeSessionPermissionCommand grant(SessionId id, UserId user) {
        return new ChangeSessionPermissionCommand(id, TEACHER, user, SessionPermission.PRESENT, true, null);
    }

    private Map<String, Object> awaitSnapshot(SessionId id) {
        return org.awaitility.Awaitility.await("a snapshot of " + id + " after " + snapshotEvery + " events")
                .atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.queryForList("""
                    SELECT type, payload_type, payload_revision, sequence_number FROM session_state_snapshots
                    WHERE aggregate_identifier = ?""", id.toString()), rows -> !rows.isEmpty())
                .get(0);
    }
}
