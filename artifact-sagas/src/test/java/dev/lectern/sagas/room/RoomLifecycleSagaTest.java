package dev.lectern.sagas.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.attendance.ReconcileAttendanceCommand;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.media.JoinCredentials;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.recording.FinalizeRecordingCommand;
import dev.lectern.events.recording.RecordingFinalizedEvent;
import dev.lectern.events.recording.RecordingStatus;
import dev.lectern.events.session.MediaGrants;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionStartedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomLifecycleSagaTest {

    private static final TenantId TENANT = new TenantId("north-high");

    /** The media plane at its port: scripted failures, recorded calls. */
    static final class ScriptedMediaPlane implements MediaPlane {
        int failuresLeft;
        Set<String> inRoom = Set.of();
        final List<String> released = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();
        RecordingStatus recording = new RecordingStatus(RecordingStatus.ACTIVE, null, 0, 0, null);

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public String allocateRoom(TenantId tenant, SessionId session) {
            return "room";
        }

        @Override
        public void releaseRoom(String room) throws MediaPlaneUnavailableException {
            if (failuresLeft-- > 0) {
                throw new MediaPlaneUnavailableException("503", null);
            }
            released.add(room);
        }

        @Override
        public String startRecording(String room, TenantId tenant, SessionId session) {
            return "EG_1";
        }

        @Override
        public void stopRecording(String recordingId) {
            stopped.add(recordingId);
        }

        @Override
        public RecordingStatus recordingStatus(String recordingId) {
            return recording;
        }

        @Override
        public void removeParticipant(String room, String identity) {
            removed.add(room + "/" + identity);
        }

        @Override
        public Set<String> participants(String room) {
            return inRoom;
        }

        @Override
        public JoinCredentials credentials(String room, String identity, String displayName, MediaGrants grants) {
            return new JoinCredentials(null, null);
        }
    }

    private SagaTestFixture<RoomLifecycleSaga> fixture;
    private ScriptedMediaPlane media;
    private final SessionId session = SessionId.random();
    private final Instant now = Instant.parse("2026-11-22T09:00:00Z");

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RoomLifecycleSaga.class);
        media = new ScriptedMediaPlane();
        fixture.registerResource(media);
        fixture.registerCommandGateway(org.axonframework.commandhandling.gateway.CommandGateway.class);
    }

    private SessionStartedEvent started(String room) {
        return new SessionStartedEvent(session, TENANT, "teacher", room, null, now);
    }

    private SessionStartedEvent recorded() {
        return new SessionStartedEvent(session, TENANT, "teacher", "room-1", "EG_1", now);
    }

    @Test
    void aRecordedClassStopsItsRecordingAndWaitsForItToSettle() {
        fixture.givenAPublished(recorded())
                .whenPublishingA(new SessionEndedEvent(session, TENANT, "teacher", now))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(
                        RoomLifecycleSaga.RECORDING_CHECK_EVERY, RoomLifecycleSaga.CHECK_RECORDING);
        assertThat(media.stopped).containsExactly("EG_1");
        assertThat(media.released).containsExactly("room-1");
    }

    @Test
    void theFinalisedRecordingEndsTheSaga() {
        fixture.givenAPublished(recorded())
                .andThenAPublished(new SessionEndedEvent(session, TENANT, "teacher", now))
                .whenPublishingA(
                        new RecordingFinalizedEvent(session, TENANT, "EG_1", "complete", "s3://x", 1, 1, null, now))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void whenTheWebhookIsLostPollingFinalisesTheRecording() {
        media.recording = new RecordingStatus(RecordingStatus.COMPLETE, "s3://lectern-artifacts/r.mp4", 10, 60, null);
        fixture.givenAPublished(recorded())
                .andThenAPublished(new SessionEndedEvent(session, TENANT, "teacher", now))
                .whenTimeElapses(RoomLifecycleSaga.RECORDING_CHECK_EVERY)
                .expectDispatchedCommands(new FinalizeRecordingCommand(session, TENANT, "EG_1", media.recording));
    }

    @Test
    void aRecordingThatNeverSettlesTimesOut() {
        fixture.givenAPublished(recorded())
                .andThenAPublished(new SessionEndedEvent(session, TENANT, "teacher", now))
                .whenTimeElapses(
                        RoomLifecycleSaga.RECORDING_CHECK_EVERY.multipliedBy(RoomLifecycleSaga.MAX_RECORDING_CHECKS))
                .expectDispatchedCommands(new FinalizeRecordingCommand(
                        session,
                        TENANT,
                        "EG_1",
                        new RecordingStatus(
                                "timed_out",
                                null,
                                0,
                                0,
                                "no final state after " + RoomLifecycleSaga.MAX_RECORDING_CHECKS + " checks")));
    }

    @Test
    void withMediaOffThereIsNothingToLookAfter() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(started(null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void whileLiveItReconcilesAttendanceWithTheRoom() {
        UserId student = UserId.random();
        media.inRoom = Set.of(student.toString(), "not-a-lectern-identity");
        fixture.givenAPublished(started("room-1"))
                .whenTimeElapses(RoomLifecycleSaga.RECONCILE_EVERY)
                .expectDispatchedCommands(new ReconcileAttendanceCommand(session, TENANT, Set.of(student)))
                .expectScheduledDeadlineWithName(RoomLifecycleSaga.RECONCILE_EVERY, RoomLifecycleSaga.RECONCILE);
    }

    @Test
    void whenTheClassEndsTheRoomIsDeletedAndTheSagaEnds() {
        fixture.givenAPublished(started("room-1"))
                .whenPublishingA(new SessionEndedEvent(session, TENANT, "teacher", now))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(media.released).containsExactly("room-1");
    }

    @Test
    void aFailedDeletionIsRetriedWithBackoff() {
        media.failuresLeft = 2;
        fixture.givenAPublished(started("room-1"))
                .andThenAPublished(new SessionEndedEvent(session, TENANT, "teacher", now))
                .whenTimeElapses(Duration.ofSeconds(2 + 4 + 1))
                .expectActiveSagas(0);
        assertThat(media.released).containsExactly("room-1");
    }

    @Test
    void afterTheLastAttemptTheSagaGivesUpAndEnds() {
        media.failuresLeft = 100;
        fixture.givenAPublished(started("room-1"))
                .andThenAPublished(new SessionEndedEvent(session, TENANT, "teacher", now))
                .whenTimeElapses(Duration.ofHours(1))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(media.released).isEmpty();
    }

    @Test
    void backoffDoublesUpToFiveMinutes() {
        assertThat(RoomLifecycleSaga.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RoomLifecycleSaga.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(RoomLifecycleSaga.backoff(12)).isEqualTo(Duration.ofMinutes(5));
    }
}
