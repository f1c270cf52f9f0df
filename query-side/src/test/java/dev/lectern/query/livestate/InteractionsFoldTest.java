package dev.lectern.query.livestate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lectern.events.LecternEvent;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.interaction.ChatMessageDeletedEvent;
import dev.lectern.events.interaction.ChatMessageHiddenEvent;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.poll.PollClosedEvent;
import dev.lectern.events.poll.PollCreatedEvent;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.poll.PollOpenedEvent;
import dev.lectern.events.poll.VoteCastEvent;
import dev.lectern.events.poll.VoteChangedEvent;
import dev.lectern.events.question.QuestionAskedEvent;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.question.QuestionUpvotedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.studio.WhiteboardOp;
import dev.lectern.events.studio.WhiteboardUpdatedEvent;
import dev.lectern.query.visibility.Viewer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The studio and interaction part of the fold, and what students are shown of it. */
class InteractionsFoldTest {

    private static final TenantId TENANT = new TenantId("north-high");
    private static final SessionId SESSION = SessionId.of(UUID.randomUUID());
    private static final UserId TEACHER = new UserId(UUID.randomUUID());
    private static final UserId ANN = new UserId(UUID.randomUUID());
    private static final UserId BOB = new UserId(UUID.randomUUID());
    private static final Instant T = Instant.parse("2026-11-22T09:00:00Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    private static ClassState fold(List<LecternEvent> events) {
        ClassState state = new ClassState();
        long position = 1;
        for (LecternEvent e : events) {
            ClassStateReducer.apply(state, e, position++, T);
        }
        return state;
    }

    private static WhiteboardOp stroke(String id) {
        return new WhiteboardOp("stroke", id, null, "#000000", 1.0, List.of(0.1, 0.1, 0.2, 0.2), null, null);
    }

    @Test
    void theBoardIsTheFoldOfItsOperations() {
        ClassState state = fold(List.of(
                new WhiteboardUpdatedEvent(
                        SESSION, TENANT, UUID.randomUUID(), TEACHER, List.of(stroke("a"), stroke("b")), T),
                new WhiteboardUpdatedEvent(SESSION, TENANT, UUID.randomUUID(), ANN, List.of(stroke("c")), T),
                new WhiteboardUpdatedEvent(
                        SESSION,
                        TENANT,
                        UUID.randomUUID(),
                        TEACHER,
                        List.of(new WhiteboardOp("undo", null, null, null, null, null, null, null)),
                        T),
                new WhiteboardUpdatedEvent(
                        SESSION,
                        TENANT,
                        UUID.randomUUID(),
                        ANN,
                        List.of(new WhiteboardOp("erase", null, null, null, null, null, null, "a")),
                        T)));
        assertThat(state.studio.whiteboard.elements).extracting(el -> el.id).containsExactly("c");
        assertThat(state.studio.whiteboard.version).isEqualTo(4);
        ClassState cleared = fold(List.of(new WhiteboardUpdatedEvent(
                SESSION,
                TENANT,
                UUID.randomUUID(),
                TEACHER,
                List.of(stroke("a"), new WhiteboardOp("clear", null, null, null, null, null, null, null), stroke("z")),
                T)));
        assertThat(cleared.studio.whiteboard.elements).extracting(el -> el.id).containsExactly("z");
    }

    @Test
    void aChangedBallotMovesItsVoteAndCountsStayExact() {
        PollId poll = PollId.random();
        ClassState state = fold(List.of(
                new PollCreatedEvent(
                        poll,
                        SESSION,
                        TENANT,
                        "Best?",
                        List.of("a", "b", "c"),
                        false,
                        true,
                        false,
                        List.of(1),
                        "t",
                        T,
                        TEACHER),
                new PollOpenedEvent(poll, SESSION, TENANT, "t", T),
                new VoteCastEvent(poll, SESSION, TENANT, ANN, List.of(0), T),
                new VoteCastEvent(poll, SESSION, TENANT, BOB, List.of(0), T),
                new VoteChangedEvent(poll, SESSION, TENANT, ANN, List.of(2), T),
                new PollClosedEvent(poll, SESSION, TENANT, "t", T)));
        ClassState.PollItem item = state.polls.get(poll.toString());
        assertThat(item.counts).containsExactly(1L, 0L, 1L);
        assertThat(item.ballots).isEqualTo(2);
        assertThat(item.status).isEqualTo("closed");

        JsonNode student = ClassStateView.render(state, new Viewer(ANN.value(), "student"), json);
        JsonNode staff = ClassStateView.render(state, new Viewer(TEACHER.value(), "teacher"), json);
        assertThat(student.at("/polls/" + poll).has("counts"))
                .as("no live results for this poll")
                .isFalse();
        assertThat(student.at("/polls/" + poll).has("correctOptions")).isFalse();
        assertThat(staff.at("/polls/" + poll + "/counts").size()).isEqualTo(3);
        assertThat(staff.at("/polls/" + poll).has("choices"))
                .as("nobody sees who voted what")
                .isFalse();
    }

    @Test
    void theChatTailKeepsTheLastFiftyAndHidesWhatModeratorsHid() {
        List<LecternEvent> events = new ArrayList<>();
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            MessageId id = MessageId.random();
            ids.add(id);
            events.add(new ChatMessagePostedEvent(SESSION, TENANT, id, ANN, "student", "m" + i, T));
        }
        events.add(new ChatMessageHiddenEvent(SESSION, TENANT, ids.get(59), "t", null, T));
        events.add(new ChatMessageDeletedEvent(SESSION, TENANT, ids.get(58), "t", null, T));
        ClassState state = fold(events);
        assertThat(state.chat).hasSize(ClassState.CHAT_TAIL);
        assertThat(state.chat.get(0).text).isEqualTo("m10");
        assertThat(state.chat.get(48).text).isNull();
        JsonNode student = ClassStateView.render(state, new Viewer(BOB.value(), "student"), json);
        assertThat(student.get("chat")).hasSize(ClassState.CHAT_TAIL - 2);
        JsonNode viewer = ClassStateView.render(state, new Viewer(UUID.randomUUID(), "public_viewer"), json);
        assertThat(viewer.has("chat")).isFalse();
    }

    @Test
    void anAnonymousQuestionHidesItsAuthorFromClassmatesOnly() {
        QuestionId q = QuestionId.random();
        ClassState state = fold(List.of(
                new QuestionAskedEvent(q, SESSION, TENANT, ANN, "Why?", true, T),
                new QuestionUpvotedEvent(q, SESSION, TENANT, BOB, T),
                new QuestionUpvotedEvent(q, SESSION, TENANT, BOB, T)));
        assertThat(state.questions.get(q.toString()).upvotes).isEqualTo(1);
        assertThat(ClassStateView.render(state, new Viewer(BOB.value(), "student"), json)
                        .at("/questions/" + q)
                        .has("userId"))
                .isFalse();
        assertThat(ClassStateView.render(state, new Viewer(ANN.value(), "student"), json)
                        .at("/questions/" + q + "/userId")
                        .asText())
                .isEqualTo(ANN.value().toString());
        assertThat(ClassStateView.render(state, new Viewer(TEACHER.value(), "teacher"), json)
                        .at("/questions/" + q + "/userId")
                        .asText())
                .isEqualTo(ANN.value().toString());
    }
}
