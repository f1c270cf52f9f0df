package dev.lectern.command.session;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;

import dev.lectern.events.attendance.ParticipantJoinedEvent;
import dev.lectern.events.attendance.ParticipantLeftEvent;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.input.TimeBounds;
import dev.lectern.events.interaction.ChangeInteractionSettingsCommand;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.InteractionSettingsChangedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.interaction.MuteParticipantCommand;
import dev.lectern.events.interaction.ParticipantMutedEvent;
import dev.lectern.events.interaction.ParticipantUnmutedEvent;
import dev.lectern.events.interaction.PostChatMessageCommand;
import dev.lectern.events.poll.CreatePollCommand;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.session.RescheduleSessionCommand;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import dev.lectern.events.studio.UpdateWhiteboardCommand;
import dev.lectern.events.studio.WhiteboardOp;
import dev.lectern.events.studio.WhiteboardUpdatedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The class refuses what would change nothing or name nothing (docs/adr/0013-one-input-rule.md): a
 * settings change without a setting, a mute of someone who never joined, an erase or undo of an element
 * that is not on the board, a poll with the same option twice, a start beyond the scheduling horizon.
 */
class InputRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId TEACHER = UserId.random();
    private static final UserId STUDENT = UserId.random();
    private static final Actor THE_TEACHER = new Actor(TENANT, "teacher@north-high", TEACHER, Set.of(Role.TEACHER));
    private static final Actor THE_STUDENT = new Actor(TENANT, "student@north-high", STUDENT, Set.of(Role.STUDENT));

    private AggregateTestFixture<Session> fixture;
    private SessionId id;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new SessionLifecycleTest.RecordingMediaPlane());
        id = SessionId.random();
    }

    private Object[] live() {
        return new Object[] {
            new SessionScheduledEvent(id, TENANT, "Algebra", NOW, 45, false, NOW.minusSeconds(60), TEACHER, null, null),
            new SessionStartedEvent(id, TENANT, "teacher@north-high", null, null, NOW),
            new ParticipantJoinedEvent(id, TENANT, STUDENT, "student@north-high", "student", NOW)
        };
    }

    private static WhiteboardOp stroke(String elementId) {
        return new WhiteboardOp("stroke", elementId, null, "#112233", 2.0, List.of(0.1, 0.1, 0.2, 0.2), null, null);
    }

    private static WhiteboardOp erase(String elementId) {
        return new WhiteboardOp("erase", null, null, null, null, null, null, elementId);
    }

    private static final WhiteboardOp UNDO = new WhiteboardOp("undo", null, null, null, null, null, null, null);
    private static final WhiteboardOp CLEAR = new WhiteboardOp("clear", null, null, null, null, null, null, null);

    private WhiteboardUpdatedEvent drawn(UserId author, WhiteboardOp... ops) {
        return new WhiteboardUpdatedEvent(id, TENANT, UUID.randomUUID(), author, List.of(ops), NOW);
    }

    @Test
    void aSettingsChangeThatNamesNoSettingIsRefused() {
        fixture.given(live())
                .when(new ChangeInteractionSettingsCommand(id, THE_TEACHER, null, null, null, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aSettingsChangeToWhatIsAlreadySetAppendsNothingAndSaysSo() {
        fixture.given(live())
                .andGiven(new InteractionSettingsChangedEvent(id, TENANT, true, 10, List.of("darn"), false, "t", NOW))
                .when(new ChangeInteractionSettingsCommand(id, THE_TEACHER, true, 10, List.of(" DARN "), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(live())
                .when(new ChangeInteractionSettingsCommand(id, THE_TEACHER, true, 0, List.of(), false))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(live())
                .when(new ChangeInteractionSettingsCommand(id, THE_TEACHER, null, 5, null, null))
                .expectEvents(new InteractionSettingsChangedEvent(
                        id, TENANT, true, 5, List.of(), false, "teacher@north-high", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void mutingSomeoneWhoNeverJoinedTheClassIsNotFound() {
        fixture.given(live())
                .when(new MuteParticipantCommand(id, THE_TEACHER, UserId.random(), true, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PARTICIPANT_NOT_FOUND));
        fixture.given(live())
                .when(new MuteParticipantCommand(id, THE_TEACHER, UserId.random(), false, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PARTICIPANT_NOT_FOUND));
    }

    @Test
    void someoneWhoJoinedAndLeftCanStillBeMutedAndUnmuted() {
        fixture.given(live())
                .andGiven(new ParticipantLeftEvent(id, TENANT, STUDENT, NOW))
                .when(new MuteParticipantCommand(id, THE_TEACHER, STUDENT, true, null))
                .expectEvents(new ParticipantMutedEvent(id, TENANT, STUDENT, "teacher@north-high", null, NOW));
        fixture.given(live())
                .andGiven(new ParticipantMutedEvent(id, TENANT, STUDENT, "t", null, NOW))
                .when(new MuteParticipantCommand(id, THE_TEACHER, STUDENT, false, null))
                .expectEvents(new ParticipantUnmutedEvent(id, TENANT, STUDENT, "teacher@north-high", NOW));
    }

    @Test
    void erasingAnElementThatIsNotOnTheBoardIsNotFound() {
        fixture.given(live())
                .when(new UpdateWhiteboardCommand(id, THE_TEACHER, UUID.randomUUID(), List.of(erase("nope"))))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ELEMENT_NOT_FOUND));
        fixture.given(live())
                .andGiven(drawn(TEACHER, stroke("s1")), drawn(TEACHER, erase("s1")))
                .when(new UpdateWhiteboardCommand(id, THE_TEACHER, UUID.randomUUID(), List.of(erase("s1"))))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ELEMENT_NOT_FOUND));
        fixture.given(live())
                .andGiven(drawn(TEACHER, stroke("s1")), drawn(TEACHER, CLEAR))
                .when(new UpdateWhiteboardCommand(id, THE_TEACHER, UUID.randomUUID(), List.of(erase("s1"))))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ELEMENT_NOT_FOUND));
    }

    @Test
    void aBatchIsCheckedInOrderAndRefusedWhole() {
        UUID batch = UUID.randomUUID();
        fixture.given(live())
                .when(new UpdateWhiteboardCommand(id, THE_TEACHER, batch, List.of(stroke("s1"), erase("s1"))))
                .expectEvents(new WhiteboardUpdatedEvent(
                        id, TENANT, batch, TEACHER, List.of(stroke("s1"), erase("s1")), NOW));
        fixture.given(live())
                .when(new UpdateWhiteboardCommand(
                        id, THE_TEACHER, UUID.randomUUID(), List.of(stroke("s1"), erase("s1"), erase("s1"))))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ELEMENT_NOT_FOUND));
    }

    @Test
    void undoNeedsAnElementOfItsAuthor() {
        fixture.given(live())
                .andGiven(drawn(STUDENT, stroke("theirs")))
                .when(new UpdateWhiteboardCommand(id, THE_TEACHER, UUID.randomUUID(), List.of(UNDO)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ELEMENT_NOT_FOUND));
        UUID batch = UUID.randomUUID();
        fixture.given(live())
                .andGiven(drawn(TEACHER, stroke("mine")))
                .when(new UpdateWhiteboardCommand(id, THE_TEACHER, batch, List.of(UNDO)))
                .expectEvents(new WhiteboardUpdatedEvent(id, TENANT, batch, TEACHER, List.of(UNDO), NOW));
    }

    @Test
    void aPollWithTheSameOptionTwiceIsRefused() {
        fixture.given(live())
                .when(new CreatePollCommand(
                        id,
                        THE_TEACHER,
                        PollId.random(),
                        "Largest planet?",
                        List.of("Jupiter", "Mars", " jupiter"),
                        false,
                        false,
                        true,
                        null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aClassStartsAtMostTheSchedulingHorizonAhead() {
        Instant tooLate = NOW.plus(TimeBounds.SCHEDULING_HORIZON).plusSeconds(1);
        fixture.givenNoPriorActivity()
                .when(new ScheduleSessionCommand(id, TENANT, "Far away", tooLate, 45, false, TEACHER, null, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_STARTS_TOO_LATE));
        fixture.given(new SessionScheduledEvent(
                        id, TENANT, "Algebra", NOW.plusSeconds(3600), 45, false, NOW, TEACHER, null, null))
                .when(new RescheduleSessionCommand(id, THE_TEACHER, null, tooLate, 45))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_STARTS_TOO_LATE));
        Instant lastDay = NOW.plus(TimeBounds.SCHEDULING_HORIZON);
        fixture.givenNoPriorActivity()
                .when(new ScheduleSessionCommand(id, TENANT, "Far", lastDay, 45, false, TEACHER, null, null))
                .expectEvents(
                        new SessionScheduledEvent(id, TENANT, "Far", lastDay, 45, false, NOW, TEACHER, null, null));
    }

    @Test
    void slowModeSaysHowLongToWait() {
        fixture.given(live())
                .andGiven(
                        new InteractionSettingsChangedEvent(id, TENANT, true, 30, List.of(), false, "t", NOW),
                        new ChatMessagePostedEvent(
                                id, TENANT, MessageId.random(), STUDENT, "student", "first", NOW.minusSeconds(10)))
                .when(new PostChatMessageCommand(id, THE_STUDENT, MessageId.random(), "second"))
                .expectNoEvents()
                .expectException(new TypeSafeMatcher<DomainException>() {
                    @Override
                    protected boolean matchesSafely(DomainException e) {
                        return e.code() == ErrorCode.RATE_LIMITED
                                && e.retryAfter().equals(java.util.Optional.of(Duration.ofSeconds(20)));
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("RATE_LIMITED with a retry-after of 20 s");
                    }
                });
    }
}
