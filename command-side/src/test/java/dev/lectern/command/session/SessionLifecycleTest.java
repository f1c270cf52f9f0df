package dev.lectern.command.session;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.attendance.JoinResult;
import dev.lectern.events.attendance.JoinSessionCommand;
import dev.lectern.events.attendance.LeaveSessionCommand;
import dev.lectern.events.attendance.ParticipantJoinedEvent;
import dev.lectern.events.attendance.ParticipantLeftEvent;
import dev.lectern.events.attendance.ReconcileAttendanceCommand;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.media.JoinCredentials;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.recording.FinalizeRecordingCommand;
import dev.lectern.events.recording.RecordingFinalizedEvent;
import dev.lectern.events.recording.RecordingStatus;
import dev.lectern.events.session.CancelSessionCommand;
import dev.lectern.events.session.EndSessionCommand;
import dev.lectern.events.session.MediaGrants;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.RescheduleSessionCommand;
import dev.lectern.events.session.RevokeParticipantCommand;
import dev.lectern.events.session.SessionCancelledEvent;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionRescheduledEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import dev.lectern.events.session.StartSessionCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The class state machine: scheduled -> live -> ended, or scheduled -> cancelled; joins only while live. */
class SessionLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId TEACHER_ID = UserId.random();
    private static final Actor TEACHER = new Actor(TENANT, "teacher@north-high", TEACHER_ID, Set.of(Role.TEACHER));
    private static final Actor STUDENT = new Actor(TENANT, "student@north-high", UserId.random(), Set.of(Role.STUDENT));
    private static final Actor VIEWER =
            new Actor(TENANT, "viewer@north-high", UserId.random(), Set.of(Role.PUBLIC_VIEWER));
    private static final Actor AUDITOR = new Actor(TENANT, "auditor@north-high", UserId.random(), Set.of(Role.AUDITOR));

    /** The media plane at its port: records calls, can be told to fail. */
    static final class RecordingMediaPlane implements MediaPlane {
        boolean enabled = true;
        boolean down;
        boolean recorderDown;
        final List<String> calls = new ArrayList<>();
        final List<String> removed = new ArrayList<>();

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public String allocateRoom(TenantId tenant, SessionId session) throws MediaPlaneUnavailableException {
            calls.add("allocate " + session);
            if (down) {
                throw new MediaPlaneUnavailableException("503 from media server", null);
            }
            return "room-" + session;
        }

        @Override
        public void releaseRoom(String room) {
            calls.add("release " + room);
        }

        @Override
        public String startRecording(String room, TenantId tenant, SessionId session)
                throws MediaPlaneUnavailableException {
            calls.add("record " + room);
            if (recorderDown) {
                throw new MediaPlaneUnavailableException("egress unavailable", null);
            }
            return "EG_1";
        }

        @Override
        public void stopRecording(String recordingId) {
            calls.add("stop " + recordingId);
        }

        @Override
        public RecordingStatus recordingStatus(String recordingId) {
            return new RecordingStatus(RecordingStatus.ACTIVE, null, 0, 0, null);
        }

        @Override
        public void removeParticipant(String room, String identity) {
            removed.add(room + "/" + identity);
        }

        @Override
        public Set<String> participants(String room) {
            return Set.of();
        }

        @Override
        public JoinCredentials credentials(String room, String identity, String displayName, MediaGrants grants) {
            return new JoinCredentials("wss://media", "token");
        }
    }

    private AggregateTestFixture<Session> fixture;
    private RecordingMediaPlane media;
    private SessionId id;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        media = new RecordingMediaPlane();
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(media);
        id = SessionId.random();
    }

    private SessionScheduledEvent scheduled() {
        return new SessionScheduledEvent(
                id, TENANT, "Algebra", NOW.plusSeconds(600), 45, true, NOW.minusSeconds(60), TEACHER_ID, null, null);
    }

    private SessionStartedEvent started() {
        return new SessionStartedEvent(id, TENANT, "teacher@north-high", "room-" + id, "EG_1", NOW);
    }

    @Test
    void goingLiveAllocatesTheRoomThenArmsTheRecorderThenRecordsTheStart() {
        fixture.given(scheduled())
                .when(new StartSessionCommand(id, TEACHER))
                .expectEvents(new SessionStartedEvent(id, TENANT, "teacher@north-high", "room-" + id, "EG_1", NOW));
        assertThat(media.calls).containsExactly("allocate " + id, "record room-" + id);
    }

    @Test
    void aClassThatDoesNotRecordArmsNoRecorder() {
        fixture.given(new SessionScheduledEvent(
                        id, TENANT, "Quiet", NOW.plusSeconds(600), 45, false, NOW, TEACHER_ID, null, null))
                .when(new StartSessionCommand(id, TEACHER))
                .expectEvents(new SessionStartedEvent(id, TENANT, "teacher@north-high", "room-" + id, null, NOW));
        assertThat(media.calls).containsExactly("allocate " + id);
    }

    @Test
    void whenTheRecorderCannotBeArmedTheClassDoesNotStartAndTheRoomIsDeleted() {
        media.recorderDown = true;
        fixture.given(scheduled())
                .when(new StartSessionCommand(id, TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.DEPENDENCY_UNAVAILABLE));
        // A checked rejection commits the unit of work: the room must be released all the same.
        assertThat(media.calls).containsExactly("allocate " + id, "record room-" + id, "release room-" + id);
    }

    @Test
    void aStartThatFailsAfterArmingTheRecorderStopsItThenDeletesTheRoom() {
        // The append fails after both allocations (here: the clock throws): an unchecked failure rolls back.
        AggregateTestFixture<Session> failing = new AggregateTestFixture<>(Session.class);
        failing.registerInjectableResource(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("clock unavailable");
            }
        });
        failing.registerInjectableResource(media);
        failing.given(scheduled())
                .when(new StartSessionCommand(id, TEACHER))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
        assertThat(media.calls)
                .containsExactly("allocate " + id, "record room-" + id, "stop EG_1", "release room-" + id);
    }

    @Test
    void aRecordingIsFinalisedOnceWhateverReportsItFirst() {
        RecordingStatus complete =
                new RecordingStatus(RecordingStatus.COMPLETE, "s3://lectern-artifacts/rec.mp4", 1234, 2700, null);
        fixture.given(scheduled(), started(), new SessionEndedEvent(id, TENANT, "teacher@north-high", NOW))
                .when(new FinalizeRecordingCommand(id, TENANT, "EG_1", complete))
                .expectEvents(new RecordingFinalizedEvent(
                        id, TENANT, "EG_1", "complete", "s3://lectern-artifacts/rec.mp4", 1234, 2700, null, NOW));
        fixture.given(
                        scheduled(),
                        started(),
                        new RecordingFinalizedEvent(id, TENANT, "EG_1", "complete", "s3://x", 1, 1, null, NOW))
                .when(new FinalizeRecordingCommand(id, TENANT, "EG_1", complete))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(scheduled(), started())
                .when(new FinalizeRecordingCommand(id, TENANT, "EG_other", complete))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void whenTheMediaPlaneFailsTheClassDoesNotStart() {
        media.down = true;
        fixture.given(scheduled())
                .when(new StartSessionCommand(id, TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.DEPENDENCY_UNAVAILABLE));
    }

    @Test
    void withMediaOffTheClassStartsControlPlaneOnly() {
        media.enabled = false;
        fixture.given(scheduled())
                .when(new StartSessionCommand(id, TEACHER))
                .expectEvents(new SessionStartedEvent(id, TENANT, "teacher@north-high", null, null, NOW));
        assertThat(media.calls).isEmpty();
    }

    @Test
    void aClassCannotStartTwiceOrAfterBeingCancelled() {
        fixture.given(scheduled(), started())
                .when(new StartSessionCommand(id, TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_ALREADY_LIVE));
        fixture.given(scheduled(), new SessionCancelledEvent(id, TENANT, "teacher@north-high", null, NOW))
                .when(new StartSessionCommand(id, TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_CANCELLED));
    }

    @Test
    void aStudentCannotStartAClass() {
        fixture.given(scheduled())
                .when(new StartSessionCommand(id, STUDENT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
    }

    @Test
    void endingTwiceIsRefused() {
        fixture.given(scheduled(), started(), new SessionEndedEvent(id, TENANT, "teacher@north-high", NOW))
                .when(new EndSessionCommand(id, TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_ENDED));
    }

    @Test
    void joiningAClassThatHasNotStartedIsRefused() {
        fixture.given(scheduled())
                .when(new JoinSessionCommand(id, STUDENT, Map.of()))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_NOT_LIVE));
    }

    @Test
    void aStudentJoinsWithDataButNoPublishingUntilPromoted() {
        fixture.given(scheduled(), started())
                .when(new JoinSessionCommand(id, STUDENT, Map.of()))
                .expectEvents(
                        new ParticipantJoinedEvent(id, TENANT, STUDENT.userId(), "student@north-high", "student", NOW))
                .expectResultMessagePayload(new JoinResult(
                        "student", new MediaGrants(true, false, true, false, false), "room-" + id, false));
        fixture.given(
                        scheduled(),
                        started(),
                        new SessionPermissionGrantedEvent(
                                id,
                                TENANT,
                                STUDENT.userId(),
                                SessionPermission.PRESENT,
                                "teacher@north-high",
                                null,
                                NOW))
                .when(new JoinSessionCommand(id, STUDENT, Map.of()))
                .expectResultMessagePayload(new JoinResult(
                        "student", new MediaGrants(true, true, true, false, false), "room-" + id, false));
    }

    @Test
    void theOwningTeacherGetsRoomAdminAndViewersAreHiddenSubscribers() {
        fixture.given(scheduled(), started())
                .when(new JoinSessionCommand(id, TEACHER, Map.of()))
                .expectResultMessagePayload(
                        new JoinResult("teacher", new MediaGrants(true, true, true, true, false), "room-" + id, false));
        fixture.given(scheduled(), started())
                .when(new JoinSessionCommand(id, VIEWER, Map.of()))
                .expectResultMessagePayload(new JoinResult(
                        "public_viewer", new MediaGrants(true, false, false, false, true), "room-" + id, false));
    }

    @Test
    void joiningAgainAppendsNothingAndSaysSo() {
        fixture.given(
                        scheduled(),
                        started(),
                        new ParticipantJoinedEvent(id, TENANT, STUDENT.userId(), "student@north-high", "student", NOW))
                .when(new JoinSessionCommand(id, STUDENT, Map.of()))
                .expectNoEvents()
                .expectResultMessagePayload(new JoinResult(
                        "student", new MediaGrants(true, false, true, false, false), "room-" + id, true));
    }

    @Test
    void aRevokedParticipantCannotRejoin() {
        fixture.given(
                        scheduled(),
                        started(),
                        new ParticipantRevokedEvent(id, TENANT, STUDENT.userId(), "teacher@north-high", null, NOW))
                .when(new JoinSessionCommand(id, STUDENT, Map.of()))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PARTICIPANT_REVOKED));
    }

    @Test
    void auditorsAndPeopleOffTheRosterDoNotJoin() {
        fixture.given(scheduled(), started())
                .when(new JoinSessionCommand(id, AUDITOR, Map.of()))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOT_ON_ROSTER));
        CourseId course = CourseId.random();
        fixture.given(
                        new SessionScheduledEvent(
                                id,
                                TENANT,
                                "Course class",
                                NOW.plusSeconds(600),
                                45,
                                false,
                                NOW,
                                TEACHER_ID,
                                LessonId.random(),
                                course),
                        started())
                .when(new JoinSessionCommand(id, STUDENT, Map.of(UUID.randomUUID(), "student")))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOT_ON_ROSTER));
        fixture.given(
                        new SessionScheduledEvent(
                                id,
                                TENANT,
                                "Course class",
                                NOW.plusSeconds(600),
                                45,
                                false,
                                NOW,
                                TEACHER_ID,
                                LessonId.random(),
                                course),
                        started())
                .when(new JoinSessionCommand(id, STUDENT, Map.of(course.value(), "assistant")))
                .expectEvents(new ParticipantJoinedEvent(
                        id, TENANT, STUDENT.userId(), "student@north-high", "assistant", NOW));
    }

    @Test
    void removingAParticipantAlsoDisconnectsThemFromTheRoom() {
        fixture.given(
                        scheduled(),
                        started(),
                        new ParticipantJoinedEvent(id, TENANT, STUDENT.userId(), "student@north-high", "student", NOW))
                .when(new RevokeParticipantCommand(id, TEACHER, STUDENT.userId(), "Disruptive"))
                .expectEvents(new ParticipantRevokedEvent(
                        id, TENANT, STUDENT.userId(), "teacher@north-high", "Disruptive", NOW));
        assertThat(media.removed).containsExactly("room-" + id + "/" + STUDENT.userId());
    }

    @Test
    void reconciliationLeavesFreshJoinersTimeToConnect() {
        fixture.given(
                        scheduled(),
                        started(),
                        new ParticipantJoinedEvent(
                                id, TENANT, STUDENT.userId(), "student@north-high", "student", NOW.minusSeconds(30)),
                        new ParticipantJoinedEvent(
                                id,
                                TENANT,
                                VIEWER.userId(),
                                "viewer@north-high",
                                "public_viewer",
                                NOW.minusSeconds(600)))
                .when(new ReconcileAttendanceCommand(id, TENANT, Set.of()))
                .expectEvents(new ParticipantLeftEvent(id, TENANT, VIEWER.userId(), NOW));
    }

    @Test
    void leavingWhenNotInTheClassIsANoOpThatSaysSo() {
        fixture.given(scheduled(), started())
                .when(new LeaveSessionCommand(id, STUDENT))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(
                        scheduled(),
                        started(),
                        new ParticipantJoinedEvent(id, TENANT, STUDENT.userId(), "student@north-high", "student", NOW))
                .when(new LeaveSessionCommand(id, STUDENT))
                .expectEvents(new ParticipantLeftEvent(id, TENANT, STUDENT.userId(), NOW));
    }

    @Test
    void aScheduledClassCanBeMovedOrCalledOffButNotOnceLive() {
        Instant later = NOW.plusSeconds(86_400);
        fixture.given(scheduled())
                .when(new RescheduleSessionCommand(id, TEACHER, null, later, 60))
                .expectEvents(new SessionRescheduledEvent(id, TENANT, "Algebra", later, 60, "teacher@north-high", NOW));
        fixture.given(scheduled())
                .when(new CancelSessionCommand(id, TEACHER, "Snow day"))
                .expectEvents(new SessionCancelledEvent(id, TENANT, "teacher@north-high", "Snow day", NOW));
        fixture.given(scheduled(), started())
                .when(new CancelSessionCommand(id, TEACHER, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_ALREADY_LIVE));
    }
}
