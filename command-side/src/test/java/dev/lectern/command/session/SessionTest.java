package dev.lectern.command.session;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ChangeSessionPermissionCommand;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.RevokeParticipantCommand;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionPermissionRevokedEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId TEACHER = UserId.random();
    private static final UserId STUDENT = UserId.random();
    private static final Actor THE_TEACHER = new Actor(TENANT, "teacher@north-high", TEACHER, Set.of(Role.TEACHER));
    private static final Actor ANOTHER_TEACHER =
            new Actor(TENANT, "other@north-high", UserId.random(), Set.of(Role.TEACHER));
    private static final Actor ADMIN = new Actor(TENANT, "admin@north-high", UserId.random(), Set.of(Role.ADMIN));
    private static final Actor FOREIGN_ADMIN =
            new Actor(new TenantId("south-high"), "admin@south-high", UserId.random(), Set.of(Role.ADMIN));

    private AggregateTestFixture<Session> fixture;
    private SessionId id;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new SessionLifecycleTest.RecordingMediaPlane());
        id = SessionId.random();
    }

    private SessionScheduledEvent scheduled() {
        return new SessionScheduledEvent(
                id, TENANT, "Algebra 1", NOW.plusSeconds(3600), 45, true, NOW.minusSeconds(60), TEACHER, null, null);
    }

    @Test
    void schedulingAClassRecordsItWithTheServerTimeTrimmedTitleAndItsTeacher() {
        Instant startsAt = NOW.plusSeconds(3600);
        fixture.givenNoPriorActivity()
                .when(new ScheduleSessionCommand(id, TENANT, "  Algebra 1  ", startsAt, 45, true, TEACHER, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionScheduledEvent(
                        id, TENANT, "Algebra 1", startsAt, 45, true, NOW, TEACHER, null, null));
    }

    @Test
    void aClassMayStartWithinTheGraceWindowBeforeNow() {
        Instant startsAt = NOW.minus(Session.SCHEDULING_GRACE);
        fixture.givenNoPriorActivity()
                .when(new ScheduleSessionCommand(id, TENANT, "Now", startsAt, 30, false, TEACHER, null, null))
                .expectEvents(
                        new SessionScheduledEvent(id, TENANT, "Now", startsAt, 30, false, NOW, TEACHER, null, null));
    }

    @Test
    void cannotScheduleAClassThatStartsInThePast() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSessionCommand(
                        id, TENANT, "Yesterday", NOW.minusSeconds(3600), 30, false, TEACHER, null, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_STARTS_IN_PAST));
    }

    @Test
    void theTeacherPromotesAStudentToPresenter() {
        fixture.given(scheduled())
                .when(new ChangeSessionPermissionCommand(
                        id, THE_TEACHER, STUDENT, SessionPermission.PRESENT, true, "Demo"))
                .expectResultMessagePayload(true)
                .expectEvents(new SessionPermissionGrantedEvent(
                        id, TENANT, STUDENT, SessionPermission.PRESENT, "teacher@north-high", "Demo", NOW));
    }

    @Test
    void grantingAPermissionAlreadyHeldChangesNothingAndSaysSo() {
        fixture.given(
                        scheduled(),
                        new SessionPermissionGrantedEvent(
                                id, TENANT, STUDENT, SessionPermission.PRESENT, "teacher@north-high", null, NOW))
                .when(new ChangeSessionPermissionCommand(id, ADMIN, STUDENT, SessionPermission.PRESENT, true, null))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void anAdminRevokesAPermission() {
        fixture.given(
                        scheduled(),
                        new SessionPermissionGrantedEvent(
                                id, TENANT, STUDENT, SessionPermission.MODERATE, "teacher@north-high", null, NOW))
                .when(new ChangeSessionPermissionCommand(
                        id, ADMIN, STUDENT, SessionPermission.MODERATE, false, "Misuse"))
                .expectEvents(new SessionPermissionRevokedEvent(
                        id, TENANT, STUDENT, SessionPermission.MODERATE, "admin@north-high", "Misuse", NOW));
    }

    @Test
    void anotherTeacherCannotChangePermissionsInThisClass() {
        fixture.given(scheduled())
                .when(new ChangeSessionPermissionCommand(
                        id, ANOTHER_TEACHER, STUDENT, SessionPermission.PRESENT, true, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
    }

    @Test
    void anotherSchoolCannotSeeTheClassAtAll() {
        fixture.given(scheduled())
                .when(new RevokeParticipantCommand(id, FOREIGN_ADMIN, STUDENT, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_NOT_FOUND));
    }

    @Test
    void aRevokedParticipantLosesPermissionsAndCannotGetThemBack() {
        fixture.given(
                        scheduled(),
                        new SessionPermissionGrantedEvent(
                                id, TENANT, STUDENT, SessionPermission.PRESENT, "teacher@north-high", null, NOW),
                        new ParticipantRevokedEvent(id, TENANT, STUDENT, "teacher@north-high", "Disruptive", NOW))
                .when(new ChangeSessionPermissionCommand(
                        id, THE_TEACHER, STUDENT, SessionPermission.PRESENT, true, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PARTICIPANT_REVOKED));
    }

    @Test
    void revokingAParticipantTwiceIsANoOpThatSaysSo() {
        fixture.given(scheduled(), new ParticipantRevokedEvent(id, TENANT, STUDENT, "teacher@north-high", null, NOW))
                .when(new RevokeParticipantCommand(id, THE_TEACHER, STUDENT, "again"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void theTeacherCannotBeRemovedFromTheirOwnClass() {
        fixture.given(scheduled())
                .when(new RevokeParticipantCommand(id, ADMIN, TEACHER, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }
}
