package dev.lectern.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.command.config.AggregateSnapshots;
import dev.lectern.events.attendance.JoinSessionCommand;
import dev.lectern.events.attendance.LeaveSessionCommand;
import dev.lectern.events.attendance.ParticipantJoinedEvent;
import dev.lectern.events.attendance.ParticipantLeftEvent;
import dev.lectern.events.attendance.ReconcileAttendanceCommand;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.interaction.ChatMessageHiddenEvent;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.InteractionSettingsChangedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.interaction.ModerateChatMessageCommand;
import dev.lectern.events.interaction.MuteParticipantCommand;
import dev.lectern.events.interaction.ParticipantMutedEvent;
import dev.lectern.events.interaction.PostChatMessageCommand;
import dev.lectern.events.recording.FinalizeRecordingCommand;
import dev.lectern.events.recording.RecordingStatus;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.AuthorizeModerationCommand;
import dev.lectern.events.session.ChangeSessionPermissionCommand;
import dev.lectern.events.session.EndSessionCommand;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import dev.lectern.events.studio.ChangeLayoutCommand;
import dev.lectern.events.studio.ChangeSlideCommand;
import dev.lectern.events.studio.CtaId;
import dev.lectern.events.studio.CtaShownEvent;
import dev.lectern.events.studio.DeckAddedEvent;
import dev.lectern.events.studio.DeckId;
import dev.lectern.events.studio.HideCtaCommand;
import dev.lectern.events.studio.SceneChangedEvent;
import dev.lectern.events.studio.SwitchSceneCommand;
import dev.lectern.events.studio.UpdateWhiteboardCommand;
import dev.lectern.events.studio.WhiteboardOp;
import dev.lectern.events.studio.WhiteboardUpdatedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A class restored from its snapshot (the aggregate written and read back with the snapshot serializer, as the
 * event store does) decides every command exactly as the class rebuilt from its events: same answer or refusal,
 * same events. The history touches every part of the state, root and members (docs/adr/0019).
 */
class SessionSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final SessionId ID = SessionId.random();
    private static final CourseId COURSE = CourseId.random();
    private static final UserId TEACHER_ID = UserId.random();
    private static final Actor TEACHER = new Actor(TENANT, "teacher@north-high", TEACHER_ID, Set.of(Role.TEACHER));
    private static final Actor PRESENTER = student("presenter");
    private static final Actor CHATTY = student("chatty");
    private static final Actor MUTED = student("muted");
    private static final Actor LEFT = student("left");
    private static final Actor LATE = student("late");
    private static final Actor REMOVED = student("removed");
    private static final Actor NEWCOMER = student("newcomer");
    private static final DeckId DECK = DeckId.random();
    private static final SceneId SCENE = SceneId.random();
    private static final CtaId CTA = CtaId.random();
    private static final MessageId MESSAGE = MessageId.random();
    private static final Map<UUID, String> ENROLLED = Map.of(COURSE.value(), "student");

    private static Actor student(String name) {
        return new Actor(TENANT, name + "@north-high", UserId.random(), Set.of(Role.STUDENT));
    }

    private static ParticipantJoinedEvent joined(Actor actor, Instant at) {
        return new ParticipantJoinedEvent(ID, TENANT, actor.userId(), actor.subject(), "student", at);
    }

    private static WhiteboardOp stroke(String id) {
        return new WhiteboardOp("stroke", id, null, "#112233", 2.0, List.of(0.1, 0.1, 0.2, 0.2), null, null);
    }

    /** A live class with something in every part of its state. */
    private static List<Object> history() {
        Instant earlier = NOW.minusSeconds(600);
        return List.of(
                new SessionScheduledEvent(
                        ID,
                        TENANT,
                        "Algebra 1",
                        NOW.minusSeconds(900),
                        45,
                        true,
                        NOW.minusSeconds(3600),
                        TEACHER_ID,
                        null,
                        COURSE),
                new SessionPermissionGrantedEvent(
                        ID, TENANT, PRESENTER.userId(), SessionPermission.PRESENT, "teacher", null, earlier),
                new SessionPermissionGrantedEvent(
                        ID, TENANT, REMOVED.userId(), SessionPermission.MODERATE, "teacher", null, earlier),
                new SessionStartedEvent(ID, TENANT, "teacher", "room-1", "rec-1", earlier),
                joined(PRESENTER, earlier),
                joined(CHATTY, earlier),
                joined(MUTED, earlier),
                joined(LEFT, earlier),
                joined(REMOVED, earlier),
                joined(LATE, NOW.minusSeconds(30)),
                new ParticipantLeftEvent(ID, TENANT, LEFT.userId(), earlier.plusSeconds(60)),
                new ParticipantRevokedEvent(ID, TENANT, REMOVED.userId(), "teacher", "spam", earlier.plusSeconds(60)),
                new InteractionSettingsChangedEvent(ID, TENANT, true, 60, List.of("darn"), false, "teacher", earlier),
                new ChatMessagePostedEvent(
                        ID, TENANT, MESSAGE, CHATTY.userId(), "student", "hello", NOW.minusSeconds(10)),
                new ChatMessageHiddenEvent(ID, TENANT, MESSAGE, "teacher", null, NOW.minusSeconds(5)),
                new ParticipantMutedEvent(ID, TENANT, MUTED.userId(), "teacher", null, earlier),
                new DeckAddedEvent(ID, TENANT, DECK, "Slides", 12, 12, "decks/1.pdf", List.of(), "teacher", earlier),
                new SceneChangedEvent(ID, TENANT, SCENE, "Board", "whiteboard", "teacher", earlier),
                new WhiteboardUpdatedEvent(
                        ID, TENANT, UUID.randomUUID(), PRESENTER.userId(), List.of(stroke("s1")), earlier),
                new CtaShownEvent(ID, TENANT, CTA, "Quiz", "https://example.org/quiz", "teacher", earlier));
    }

    /** Commands whose answer depends on each part of the state. */
    static Stream<Object> probes() {
        return Stream.of(
                new JoinSessionCommand(ID, PRESENTER, ENROLLED),
                new JoinSessionCommand(ID, LEFT, ENROLLED),
                new JoinSessionCommand(ID, REMOVED, ENROLLED),
                new JoinSessionCommand(ID, NEWCOMER, ENROLLED),
                new JoinSessionCommand(ID, NEWCOMER, Map.of()),
                new LeaveSessionCommand(ID, CHATTY),
                new LeaveSessionCommand(ID, LEFT),
                new ReconcileAttendanceCommand(ID, TENANT, Set.of(LEFT.userId(), PRESENTER.userId(), REMOVED.userId())),
                new PostChatMessageCommand(ID, CHATTY, MessageId.random(), "again"),
                new PostChatMessageCommand(ID, PRESENTER, MessageId.random(), "darn it"),
                new PostChatMessageCommand(ID, PRESENTER, MessageId.random(), "a question"),
                new PostChatMessageCommand(ID, MUTED, MessageId.random(), "let me speak"),
                new PostChatMessageCommand(ID, LEFT, MessageId.random(), "still here?"),
                new ModerateChatMessageCommand(ID, TEACHER, MESSAGE, false, null),
                new ModerateChatMessageCommand(ID, TEACHER, MESSAGE, true, null),
                new MuteParticipantCommand(ID, TEACHER, MUTED.userId(), false, null),
                new MuteParticipantCommand(ID, TEACHER, NEWCOMER.userId(), true, null),
                new ChangeSlideCommand(ID, PRESENTER, DECK, 12),
                new ChangeSlideCommand(ID, PRESENTER, DECK, 13),
                new ChangeSlideCommand(ID, CHATTY, DECK, 2),
                new SwitchSceneCommand(ID, TEACHER, SCENE, "Board", "whiteboard"),
                new ChangeLayoutCommand(ID, TEACHER, "whiteboard"),
                new ChangeLayoutCommand(ID, TEACHER, "side_by_side"),
                new UpdateWhiteboardCommand(
                        ID,
                        PRESENTER,
                        UUID.randomUUID(),
                        List.of(new WhiteboardOp("undo", null, null, null, null, null, null, null))),
                new UpdateWhiteboardCommand(
                        ID,
                        TEACHER,
                        UUID.randomUUID(),
                        List.of(new WhiteboardOp("erase", null, null, null, null, null, null, "s1"))),
                new UpdateWhiteboardCommand(
                        ID,
                        TEACHER,
                        UUID.randomUUID(),
                        List.of(new WhiteboardOp("undo", null, null, null, null, null, null, null))),
                new HideCtaCommand(ID, TEACHER),
                new AuthorizeModerationCommand(ID, REMOVED),
                new ChangeSessionPermissionCommand(
                        ID, TEACHER, PRESENTER.userId(), SessionPermission.PRESENT, true, null),
                new ChangeSessionPermissionCommand(
                        ID, TEACHER, REMOVED.userId(), SessionPermission.PRESENT, true, null),
                new FinalizeRecordingCommand(
                        ID, TENANT, "rec-1", new RecordingStatus("complete", "s3://r", 10, 60, null)),
                new FinalizeRecordingCommand(
                        ID, TENANT, "rec-2", new RecordingStatus("complete", "s3://r", 10, 60, null)),
                new EndSessionCommand(ID, TEACHER));
    }

    private final Serializer snapshots = AggregateSnapshots.serializer();

    private static AggregateTestFixture<Session> fixture() {
        AggregateTestFixture<Session> fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new SessionLifecycleTest.RecordingMediaPlane());
        return fixture;
    }

    /** The class as Axon rebuilds it from its events. */
    private static Session rebuilt() {
        AtomicReference<Session> state = new AtomicReference<>();
        fixture()
                .given(history())
                .when(new AuthorizeModerationCommand(ID, TEACHER))
                .expectNoEvents()
                .expectState(state::set);
        return state.get();
    }

    private Session restoredFromSnapshot() {
        SerializedObject<byte[]> snapshot = snapshots.serialize(rebuilt(), byte[].class);
        return snapshots.deserialize(snapshot);
    }

    @ParameterizedTest
    @MethodSource("probes")
    void aClassRestoredFromItsSnapshotDecidesLikeTheClassRebuiltFromEvents(Object command) {
        Outcome fromEvents = outcome(fixture().given(history()), command);
        Outcome fromSnapshot = outcome(fixture().givenState(this::restoredFromSnapshot), command);

        assertThat(fromSnapshot).isEqualTo(fromEvents);
    }

    @Test
    void theSnapshotHoldsEveryMemberAndWritesTypedIdKeysAsTheirValue() {
        String json = new String(snapshots.serialize(rebuilt(), byte[].class).getData());

        assertThat(json)
                .contains("\"attendance\"", "\"studio\"", "\"interaction\"", "\"board\"")
                .contains("\"" + PRESENTER.userId().value() + "\":[\"PRESENT\"]")
                .contains("\"" + CHATTY.userId().value() + "\":\"student\"")
                .doesNotContain("UserId[");
        assertThat(json.getBytes())
                .isEqualTo(snapshots
                        .serialize(restoredFromSnapshot(), byte[].class)
                        .getData());
    }

    @Test
    void mapsKeyedByTypedIdsRoundTrip() {
        KeyedByTypedIds state = new KeyedByTypedIds();
        UserId user = UserId.random();
        state.byUser.put(user, NOW);
        state.bySession.put(ID, "one");
        state.byTenant.put(TENANT, 2);

        KeyedByTypedIds read = snapshots.deserialize(snapshots.serialize(state, byte[].class));

        assertThat(read.byUser).containsExactly(Map.entry(user, NOW));
        assertThat(read.bySession).containsExactly(Map.entry(ID, "one"));
        assertThat(read.byTenant).containsExactly(Map.entry(TENANT, 2));
    }

    /** Fields, no accessors: as in an aggregate. */
    static final class KeyedByTypedIds {
        private final Map<UserId, Instant> byUser = new HashMap<>();
        private final Map<SessionId, String> bySession = new HashMap<>();
        private final Map<TenantId, Integer> byTenant = new HashMap<>();
    }

    /** What a command did: its answer or refusal and the events it appended. */
    private record Outcome(Object result, String refusal, List<Object> events) {}

    private static Outcome outcome(TestExecutor<Session> given, Object command) {
        ResultValidator<Session> validator = given.when(command);
        AtomicReference<Object> events = new AtomicReference<>();
        validator.expectEventsMatching(capture(events));
        List<Object> payloads = new ArrayList<>();
        for (Object event : (List<?>) events.get()) {
            payloads.add(((EventMessage<?>) event).getPayload());
        }
        AtomicReference<Object> failure = new AtomicReference<>();
        AtomicReference<Object> result = new AtomicReference<>();
        try {
            validator.expectException(capture(failure));
        } catch (AssertionError none) {
            validator.expectResultMessageMatching(capture(result));
        }
        if (failure.get() != null) {
            Throwable thrown = (Throwable) failure.get();
            String code = thrown instanceof DomainException domain
                    ? domain.code() + ": "
                    : thrown.getClass().getName() + ": ";
            return new Outcome(null, code + thrown.getMessage(), payloads);
        }
        return new Outcome(((ResultMessage<?>) result.get()).getPayload(), null, payloads);
    }

    private static <T> Matcher<T> capture(AtomicReference<Object> into) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                into.set(actual);
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("anything");
            }
        };
    }
}
