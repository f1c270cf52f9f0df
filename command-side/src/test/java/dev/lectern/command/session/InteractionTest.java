package dev.lectern.command.session;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;

import dev.lectern.events.attendance.ParticipantJoinedEvent;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.interaction.ChangeInteractionSettingsCommand;
import dev.lectern.events.interaction.ChatMessageHiddenEvent;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.ExamModeChangedEvent;
import dev.lectern.events.interaction.InteractionSettingsChangedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.interaction.ModerateChatMessageCommand;
import dev.lectern.events.interaction.MuteParticipantCommand;
import dev.lectern.events.interaction.ParticipantMutedEvent;
import dev.lectern.events.interaction.PostChatMessageCommand;
import dev.lectern.events.interaction.SetExamModeCommand;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import dev.lectern.events.studio.ChangeSlideCommand;
import dev.lectern.events.studio.CtaId;
import dev.lectern.events.studio.DeckAddedEvent;
import dev.lectern.events.studio.DeckId;
import dev.lectern.events.studio.SceneChangedEvent;
import dev.lectern.events.studio.SlideChangedEvent;
import dev.lectern.events.studio.SwitchSceneCommand;
import dev.lectern.events.studio.UpdateWhiteboardCommand;
import dev.lectern.events.studio.WhiteboardOp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The studio and chat rules of the Session aggregate, as given/when/then. */
class InteractionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId TEACHER = UserId.random();
    private static final UserId STUDENT = UserId.random();
    private static final UserId OTHER = UserId.random();
    private static final Actor THE_TEACHER = new Actor(TENANT, "teacher@north-high", TEACHER, Set.of(Role.TEACHER));
    private static final Actor THE_STUDENT = new Actor(TENANT, "student@north-high", STUDENT, Set.of(Role.STUDENT));
    private static final Actor CLASSMATE = new Actor(TENANT, "other@north-high", OTHER, Set.of(Role.STUDENT));

    private AggregateTestFixture<Session> fixture;
    private SessionId id;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new SessionLifecycleTest.RecordingMediaPlane());
        id = SessionId.random();
    }

    private Object[] liveWithStudent() {
        return new Object[] {
            new SessionScheduledEvent(id, TENANT, "Algebra", NOW, 45, false, NOW.minusSeconds(60), TEACHER, null, null),
            new SessionStartedEvent(id, TENANT, "teacher@north-high", null, null, NOW),
            new ParticipantJoinedEvent(id, TENANT, STUDENT, "student@north-high", "student", NOW),
            new ParticipantJoinedEvent(id, TENANT, OTHER, "other@north-high", "student", NOW)
        };
    }

    @Test
    void aParticipantPostsAndTheTextIsStoredAsGiven() {
        MessageId message = MessageId.random();
        String text = "<b>2 < 3</b> & \"quotes\"";
        fixture.given(liveWithStudent())
                .when(new PostChatMessageCommand(id, THE_STUDENT, message, text))
                .expectEvents(new ChatMessagePostedEvent(id, TENANT, message, STUDENT, "student", text, NOW));
    }

    @Test
    void someoneWhoHasNotJoinedCannotPost() {
        Actor outsider = new Actor(TENANT, "late@north-high", UserId.random(), Set.of(Role.STUDENT));
        fixture.given(liveWithStudent())
                .when(new PostChatMessageCommand(id, outsider, MessageId.random(), "hello"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOT_IN_CLASS));
    }

    @Test
    void examModeClosesTheChatAtWriteTime() {
        fixture.given(liveWithStudent())
                .andGiven(new ExamModeChangedEvent(id, TENANT, true, "teacher@north-high", NOW))
                .when(new PostChatMessageCommand(id, THE_STUDENT, MessageId.random(), "psst, the answer is 4"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.EXAM_MODE));
    }

    @Test
    void chatOffRefusesMessagesAndBlockedWordsAreRefused() {
        fixture.given(liveWithStudent())
                .andGiven(new InteractionSettingsChangedEvent(id, TENANT, false, 0, List.of(), false, "t", NOW))
                .when(new PostChatMessageCommand(id, THE_STUDENT, MessageId.random(), "hello"))
                .expectException(rejectedWith(ErrorCode.CHAT_DISABLED));
        fixture.given(liveWithStudent())
                .andGiven(new InteractionSettingsChangedEvent(id, TENANT, true, 0, List.of("darn"), false, "t", NOW))
                .when(new PostChatMessageCommand(id, THE_STUDENT, MessageId.random(), "Oh DARN it"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.CHAT_BLOCKED_WORD));
    }

    @Test
    void slowModeLimitsStudentsButNotTheTeacher() {
        fixture.given(liveWithStudent())
                .andGiven(
                        new InteractionSettingsChangedEvent(id, TENANT, true, 30, List.of(), false, "t", NOW),
                        new ChatMessagePostedEvent(
                                id, TENANT, MessageId.random(), STUDENT, "student", "first", NOW.minusSeconds(10)))
                .when(new PostChatMessageCommand(id, THE_STUDENT, MessageId.random(), "second"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.RATE_LIMITED));
    }

    @Test
    void aMutedStudentCannotPostAndOnlyModeratorsMute() {
        fixture.given(liveWithStudent())
                .when(new MuteParticipantCommand(id, CLASSMATE, STUDENT, true, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        fixture.given(liveWithStudent())
                .andGiven(new SessionPermissionGrantedEvent(
                        id, TENANT, OTHER, SessionPermission.MODERATE, "t", null, NOW))
                .when(new MuteParticipantCommand(id, CLASSMATE, STUDENT, true, "spam"))
                .expectEvents(new ParticipantMutedEvent(id, TENANT, STUDENT, "other@north-high", "spam", NOW));
        fixture.given(liveWithStudent())
                .andGiven(new ParticipantMutedEvent(id, TENANT, STUDENT, "t", null, NOW))
                .when(new PostChatMessageCommand(id, THE_STUDENT, MessageId.random(), "hello"))
                .expectException(rejectedWith(ErrorCode.CHAT_MUTED));
    }

    @Test
    void aStudentCannotHideMessagesButTheTeacherCanOnce() {
        MessageId message = MessageId.random();
        ChatMessagePostedEvent posted = new ChatMessagePostedEvent(id, TENANT, message, STUDENT, "student", "hi", NOW);
        fixture.given(liveWithStudent())
                .andGiven(posted)
                .when(new ModerateChatMessageCommand(id, CLASSMATE, message, false, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        fixture.given(liveWithStudent())
                .andGiven(posted)
                .when(new ModerateChatMessageCommand(id, THE_TEACHER, message, false, "off topic"))
                .expectEvents(new ChatMessageHiddenEvent(id, TENANT, message, "teacher@north-high", "off topic", NOW));
        fixture.given(liveWithStudent())
                .andGiven(posted, new ChatMessageHiddenEvent(id, TENANT, message, "teacher@north-high", null, NOW))
                .when(new ModerateChatMessageCommand(id, THE_TEACHER, message, false, null))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(liveWithStudent())
                .when(new ModerateChatMessageCommand(id, THE_TEACHER, MessageId.random(), true, null))
                .expectException(rejectedWith(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void aStudentCannotSwitchScenesOrTurnOnExamMode() {
        fixture.given(liveWithStudent())
                .when(new SwitchSceneCommand(id, THE_STUDENT, SceneId.random(), "Board", "whiteboard"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        fixture.given(liveWithStudent())
                .when(new SetExamModeCommand(id, THE_STUDENT, true))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        SceneId scene = SceneId.random();
        fixture.given(liveWithStudent())
                .when(new SwitchSceneCommand(id, THE_TEACHER, scene, "Board", "whiteboard"))
                .expectEvents(
                        new SceneChangedEvent(id, TENANT, scene, "Board", "whiteboard", "teacher@north-high", NOW));
        fixture.given(liveWithStudent())
                .when(new SwitchSceneCommand(id, THE_TEACHER, scene, "Board", "upside_down"))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void slidesMustBeOfAKnownDeckAndPageAndAPresenterMayTurnThem() {
        DeckId deck = DeckId.random();
        DeckAddedEvent added =
                new DeckAddedEvent(id, TENANT, deck, "Fractions", 3, 3, "k", List.of("a", "b", "c"), "t", NOW);
        fixture.given(liveWithStudent())
                .andGiven(added)
                .when(new ChangeSlideCommand(id, THE_STUDENT, deck, 2))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        fixture.given(liveWithStudent())
                .andGiven(
                        added,
                        new SessionPermissionGrantedEvent(
                                id, TENANT, STUDENT, SessionPermission.PRESENT, "t", null, NOW))
                .when(new ChangeSlideCommand(id, THE_STUDENT, deck, 2))
                .expectEvents(new SlideChangedEvent(id, TENANT, deck, 2, "student@north-high", NOW));
        fixture.given(liveWithStudent())
                .andGiven(added)
                .when(new ChangeSlideCommand(id, THE_TEACHER, deck, 4))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
        fixture.given(liveWithStudent())
                .when(new ChangeSlideCommand(id, THE_TEACHER, deck, 1))
                .expectException(rejectedWith(ErrorCode.DECK_NOT_FOUND));
    }

    @Test
    void whiteboardBatchesAreValidated() {
        WhiteboardOp bad = new WhiteboardOp("stroke", "s1", null, "red", 2.0, List.of(0.1, 0.2), null, null);
        fixture.given(liveWithStudent())
                .when(new UpdateWhiteboardCommand(id, THE_TEACHER, UUID.randomUUID(), List.of(bad)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
        WhiteboardOp offBoard = new WhiteboardOp("stroke", "s1", null, "#ff0000", 2.0, List.of(0.1, 1.2), null, null);
        fixture.given(liveWithStudent())
                .when(new UpdateWhiteboardCommand(id, THE_TEACHER, UUID.randomUUID(), List.of(offBoard)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void theTeacherShowsAndHidesACallToActionAndOnlyOnce() {
        CtaId cta = CtaId.random();
        fixture.given(liveWithStudent())
                .when(new dev.lectern.events.studio.ShowCtaCommand(
                        id, THE_STUDENT, cta, "Sign up", "https://example.org"))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        fixture.given(liveWithStudent())
                .andGiven(new dev.lectern.events.studio.CtaShownEvent(
                        id, TENANT, cta, "Sign up", "https://example.org", "t", NOW))
                .when(new dev.lectern.events.studio.HideCtaCommand(id, THE_TEACHER))
                .expectEvents(new dev.lectern.events.studio.CtaHiddenEvent(id, TENANT, cta, "teacher@north-high", NOW));
        fixture.given(liveWithStudent())
                .when(new dev.lectern.events.studio.HideCtaCommand(id, THE_TEACHER))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aDeckIsAddedOnceAndNothingChangesOnceTheClassIsOver() {
        DeckId deck = DeckId.random();
        dev.lectern.events.studio.AddDeckCommand add = new dev.lectern.events.studio.AddDeckCommand(
                id, THE_TEACHER, deck, "Fractions", 2, 2, "decks/k", List.of("One", "Two"));
        fixture.given(liveWithStudent())
                .when(add)
                .expectEvents(new DeckAddedEvent(
                        id,
                        TENANT,
                        deck,
                        "Fractions",
                        2,
                        2,
                        "decks/k",
                        List.of("One", "Two"),
                        "teacher@north-high",
                        NOW));
        fixture.given(liveWithStudent())
                .andGiven(new DeckAddedEvent(
                        id, TENANT, deck, "Fractions", 2, 2, "decks/k", List.of("One", "Two"), "t", NOW))
                .when(add)
                .expectException(rejectedWith(ErrorCode.ALREADY_EXISTS));
        fixture.given(liveWithStudent())
                .andGiven(new dev.lectern.events.session.SessionEndedEvent(id, TENANT, "t", NOW))
                .when(new dev.lectern.events.studio.ChangeLayoutCommand(id, THE_TEACHER, "speaker"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_ENDED));
    }

    @Test
    void settingsKeepWhatIsNotChanged() {
        fixture.given(liveWithStudent())
                .andGiven(new InteractionSettingsChangedEvent(id, TENANT, true, 10, List.of("darn"), true, "t", NOW))
                .when(new ChangeInteractionSettingsCommand(id, THE_TEACHER, false, null, null, null))
                .expectEvents(new InteractionSettingsChangedEvent(
                        id, TENANT, false, 10, List.of("darn"), true, "teacher@north-high", NOW));
    }
}
