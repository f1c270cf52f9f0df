package dev.lectern.command.poll;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.ClosePollCommand;
import dev.lectern.events.poll.OpenPollCommand;
import dev.lectern.events.poll.PollClosedEvent;
import dev.lectern.events.poll.PollCreatedEvent;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.poll.PollOpenedEvent;
import dev.lectern.events.poll.PollResultsPublishedEvent;
import dev.lectern.events.poll.PublishPollResultsCommand;
import dev.lectern.events.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PollTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId TEACHER = UserId.random();
    private static final Actor THE_TEACHER = new Actor(TENANT, "teacher@north-high", TEACHER, Set.of(Role.TEACHER));
    private static final Actor ANOTHER_TEACHER =
            new Actor(TENANT, "other@north-high", UserId.random(), Set.of(Role.TEACHER));
    private static final Actor STUDENT = new Actor(TENANT, "student@north-high", UserId.random(), Set.of(Role.STUDENT));
    private static final Actor ADMIN = new Actor(TENANT, "admin@north-high", UserId.random(), Set.of(Role.ADMIN));
    private static final Actor FOREIGN_ADMIN =
            new Actor(new TenantId("south-high"), "admin@south-high", UserId.random(), Set.of(Role.ADMIN));

    private AggregateTestFixture<Poll> fixture;
    private PollId poll;
    private SessionId session;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Poll.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        poll = PollId.random();
        session = SessionId.random();
    }

    private PollCreatedEvent created(boolean multipleChoice) {
        return new PollCreatedEvent(
                poll,
                session,
                TENANT,
                "Which planet is largest?",
                List.of("Mars", "Jupiter", "Venus"),
                multipleChoice,
                false,
                false,
                List.of(1),
                "teacher@north-high",
                NOW.minusSeconds(600),
                TEACHER);
    }

    private PollOpenedEvent opened() {
        return new PollOpenedEvent(poll, session, TENANT, "teacher@north-high", NOW.minusSeconds(300));
    }

    private PollClosedEvent closed() {
        return new PollClosedEvent(poll, session, TENANT, "teacher@north-high", NOW.minusSeconds(60));
    }

    @Test
    void theTeacherOpensADraftPoll() {
        fixture.given(created(false))
                .when(new OpenPollCommand(poll, session, THE_TEACHER))
                .expectEvents(new PollOpenedEvent(poll, session, TENANT, "teacher@north-high", NOW));
    }

    @Test
    void anAdminMayOpenAnyPollOfTheSchool() {
        fixture.given(created(false))
                .when(new OpenPollCommand(poll, session, ADMIN))
                .expectEvents(new PollOpenedEvent(poll, session, TENANT, "admin@north-high", NOW));
    }

    @Test
    void cannotOpenAPollTwice() {
        fixture.given(created(false), opened())
                .when(new OpenPollCommand(poll, session, THE_TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_ALREADY_OPENED));
    }

    @Test
    void cannotReopenAClosedPoll() {
        fixture.given(created(false), opened(), closed())
                .when(new OpenPollCommand(poll, session, THE_TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_ALREADY_OPENED));
    }

    @Test
    void aStudentCannotOpenClosePublish() {
        fixture.given(created(false))
                .when(new OpenPollCommand(poll, session, STUDENT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        fixture.given(created(false), opened())
                .when(new ClosePollCommand(poll, session, STUDENT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        fixture.given(created(false), opened(), closed())
                .when(new PublishPollResultsCommand(poll, session, STUDENT, List.of(0L, 1L, 0L), 1))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
    }

    @Test
    void anotherTeacherOfTheSchoolCannotClose() {
        fixture.given(created(false), opened())
                .when(new ClosePollCommand(poll, session, ANOTHER_TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
    }

    @Test
    void anotherSchoolDoesNotSeeThePoll() {
        fixture.given(created(false), opened())
                .when(new ClosePollCommand(poll, session, FOREIGN_ADMIN))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_NOT_FOUND));
    }

    @Test
    void theTeacherClosesAnOpenPoll() {
        fixture.given(created(false), opened())
                .when(new ClosePollCommand(poll, session, THE_TEACHER))
                .expectEvents(new PollClosedEvent(poll, session, TENANT, "teacher@north-high", NOW));
    }

    @Test
    void cannotCloseADraftOrClosedPoll() {
        fixture.given(created(false))
                .when(new ClosePollCommand(poll, session, THE_TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_NOT_OPEN));
        fixture.given(created(false), opened(), closed())
                .when(new ClosePollCommand(poll, session, THE_TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_NOT_OPEN));
    }

    @Test
    void theTeacherPublishesTheTallyOfAClosedPoll() {
        fixture.given(created(false), opened(), closed())
                .when(new PublishPollResultsCommand(poll, session, THE_TEACHER, List.of(3L, 5L, 1L), 9))
                .expectEvents(new PollResultsPublishedEvent(
                        poll, session, TENANT, List.of(3L, 5L, 1L), 9, "teacher@north-high", NOW));
    }

    @Test
    void cannotPublishWhileThePollIsOpen() {
        fixture.given(created(false), opened())
                .when(new PublishPollResultsCommand(poll, session, THE_TEACHER, List.of(0L, 0L, 0L), 0))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_NOT_CLOSED));
    }

    @Test
    void cannotPublishTwice() {
        fixture.given(
                        created(false),
                        opened(),
                        closed(),
                        new PollResultsPublishedEvent(
                                poll, session, TENANT, List.of(1L, 0L, 0L), 1, "teacher@north-high", NOW))
                .when(new PublishPollResultsCommand(poll, session, THE_TEACHER, List.of(1L, 0L, 0L), 1))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_RESULTS_ALREADY_PUBLISHED));
    }

    @Test
    void aTallyThatDoesNotFitThePollIsRefused() {
        // Three options, not two.
        fixture.given(created(false), opened(), closed())
                .when(new PublishPollResultsCommand(poll, session, THE_TEACHER, List.of(1L, 1L), 2))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
        // Single choice: one choice per ballot.
        fixture.given(created(false), opened(), closed())
                .when(new PublishPollResultsCommand(poll, session, THE_TEACHER, List.of(2L, 1L, 0L), 2))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
        fixture.given(created(false), opened(), closed())
                .when(new PublishPollResultsCommand(poll, session, THE_TEACHER, List.of(-1L, 1L, 0L), 0))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aMultipleChoiceTallyMayCountMoreChoicesThanBallots() {
        fixture.given(created(true), opened(), closed())
                .when(new PublishPollResultsCommand(poll, session, THE_TEACHER, List.of(2L, 2L, 1L), 3))
                .expectEvents(new PollResultsPublishedEvent(
                        poll, session, TENANT, List.of(2L, 2L, 1L), 3, "teacher@north-high", NOW));
    }

    @Test
    void aPollIsCreatedOnlyForTheOwnerItsEventNames() {
        assertThatThrownBy(() -> Poll.create(created(false), UserId.random()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** docs/adr/0014: the class's own teacher, speaking for another class, does not find this class's poll. */
    @Test
    void aPollOfAnotherClassOrSchoolIsNotFoundAndNothingIsAppended() {
        SessionId otherClass = SessionId.random();
        List<Object> commands = List.of(
                new OpenPollCommand(poll, otherClass, THE_TEACHER),
                new ClosePollCommand(poll, otherClass, ADMIN),
                new PublishPollResultsCommand(poll, otherClass, THE_TEACHER, List.of(0L, 0L, 0L), 0),
                new OpenPollCommand(poll, session, FOREIGN_ADMIN),
                new PublishPollResultsCommand(poll, session, FOREIGN_ADMIN, List.of(0L, 0L, 0L), 0));
        for (Object command : commands) {
            fixture.given(created(false))
                    .when(command)
                    .expectNoEvents()
                    .expectException(rejectedWith(ErrorCode.POLL_NOT_FOUND));
        }
        fixture.given(created(false), opened())
                .when(new ClosePollCommand(poll, otherClass, THE_TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_NOT_FOUND));
    }
}
