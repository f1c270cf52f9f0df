package dev.lectern.command.question;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.question.AnswerQuestionCommand;
import dev.lectern.events.question.DismissQuestionCommand;
import dev.lectern.events.question.QuestionAnsweredEvent;
import dev.lectern.events.question.QuestionAskedEvent;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.question.QuestionResolvedEvent;
import dev.lectern.events.question.QuestionUpvotedEvent;
import dev.lectern.events.question.ResolveQuestionCommand;
import dev.lectern.events.question.UpvoteQuestionCommand;
import dev.lectern.events.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A question's own rules: one upvote per person and not one's own, answers, closing. */
class QuestionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId AUTHOR = UserId.random();
    private static final UserId VOTER = UserId.random();
    private static final Actor THE_AUTHOR = new Actor(TENANT, "a@north-high", AUTHOR, Set.of(Role.STUDENT));
    private static final Actor THE_VOTER = new Actor(TENANT, "v@north-high", VOTER, Set.of(Role.STUDENT));
    private static final Actor TEACHER = new Actor(TENANT, "t@north-high", UserId.random(), Set.of(Role.TEACHER));

    private AggregateTestFixture<Question> fixture;
    private QuestionId id;
    private SessionId session;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Question.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        id = QuestionId.random();
        session = SessionId.random();
    }

    private QuestionAskedEvent asked() {
        return new QuestionAskedEvent(id, session, TENANT, AUTHOR, "Why is the sky blue?", false, NOW);
    }

    @Test
    void oneUpvotePerPersonAndNotOnesOwn() {
        fixture.given(asked())
                .when(new UpvoteQuestionCommand(id, session, THE_VOTER))
                .expectEvents(new QuestionUpvotedEvent(id, session, TENANT, VOTER, NOW));
        fixture.given(asked(), new QuestionUpvotedEvent(id, session, TENANT, VOTER, NOW))
                .when(new UpvoteQuestionCommand(id, session, THE_VOTER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ALREADY_UPVOTED));
        fixture.given(asked())
                .when(new UpvoteQuestionCommand(id, session, THE_AUTHOR))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void answeredLiveThenResolvedThenClosed() {
        fixture.given(asked())
                .when(new AnswerQuestionCommand(id, session, TEACHER, null, true))
                .expectEvents(new QuestionAnsweredEvent(id, session, TENANT, "t@north-high", null, true, NOW));
        fixture.given(asked())
                .when(new AnswerQuestionCommand(id, session, TEACHER, " ", false))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
        fixture.given(asked(), new QuestionResolvedEvent(id, session, TENANT, "t@north-high", NOW))
                .when(new UpvoteQuestionCommand(id, session, THE_VOTER))
                .expectException(rejectedWith(ErrorCode.QUESTION_CLOSED));
        fixture.given(asked())
                .when(new ResolveQuestionCommand(
                        id, session, new Actor(new TenantId("south-high"), "x", UserId.random(), Set.of(Role.ADMIN))))
                .expectException(rejectedWith(ErrorCode.QUESTION_NOT_FOUND));
    }

    /** docs/adr/0014: a question is not found from another class of its school, nor from another school. */
    @Test
    void aQuestionOfAnotherClassOrSchoolIsNotFoundAndNothingIsAppended() {
        SessionId otherClass = SessionId.random();
        Actor foreignTeacher =
                new Actor(new TenantId("south-high"), "t@south-high", UserId.random(), Set.of(Role.TEACHER));
        Actor foreignVoter = new Actor(new TenantId("south-high"), "v@south-high", VOTER, Set.of(Role.STUDENT));
        List<Object> commands = List.of(
                new UpvoteQuestionCommand(id, otherClass, THE_VOTER),
                new AnswerQuestionCommand(id, otherClass, TEACHER, "Rayleigh", false),
                new ResolveQuestionCommand(id, otherClass, TEACHER),
                new DismissQuestionCommand(id, otherClass, TEACHER, null),
                new UpvoteQuestionCommand(id, session, foreignVoter),
                new AnswerQuestionCommand(id, session, foreignTeacher, "Rayleigh", false),
                new ResolveQuestionCommand(id, session, foreignTeacher),
                new DismissQuestionCommand(id, session, foreignTeacher, null));
        for (Object command : commands) {
            fixture.given(asked())
                    .when(command)
                    .expectNoEvents()
                    .expectException(rejectedWith(ErrorCode.QUESTION_NOT_FOUND));
        }
    }
}
