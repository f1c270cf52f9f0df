package dev.lectern.command.session;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.CreatePollCommand;
import dev.lectern.events.poll.CreatePollResult;
import dev.lectern.events.poll.PollCreatedEvent;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Session aggregate prepares polls: who may, in which class state, and the Poll aggregate it creates. */
class PollCreationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId TEACHER = UserId.random();
    private static final CourseId COURSE = CourseId.random();
    private static final Actor THE_TEACHER = new Actor(TENANT, "teacher@north-high", TEACHER, Set.of(Role.TEACHER));
    private static final Actor STUDENT = new Actor(TENANT, "student@north-high", UserId.random(), Set.of(Role.STUDENT));

    private AggregateTestFixture<Session> fixture;
    private EmbeddedEventStore polls;
    private SessionId id;
    private PollId poll;

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void setUp() throws ClassNotFoundException {
        // The Poll aggregate is package-private in its own package; the class creates it through PollCreation.
        Class<Object> pollType = (Class) Class.forName("dev.lectern.command.poll.Poll");
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new SessionLifecycleTest.RecordingMediaPlane());
        // Poll aggregates go to a store of their own: the fixture's store only takes the Session's stream.
        polls = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        EventSourcingRepository<Object> pollRepository =
                EventSourcingRepository.builder(pollType).eventStore(polls).build();
        fixture.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == pollType ? (Repository<T>) pollRepository : null;
            }
        });
        id = SessionId.random();
        poll = PollId.random();
    }

    private SessionScheduledEvent scheduled() {
        return new SessionScheduledEvent(
                id,
                TENANT,
                "Astronomy",
                NOW.plusSeconds(3600),
                45,
                false,
                NOW.minusSeconds(60),
                TEACHER,
                LessonId.random(),
                COURSE);
    }

    private CreatePollCommand createPoll(Actor actor) {
        return new CreatePollCommand(
                id,
                actor,
                poll,
                "Which planet is largest?",
                List.of("Mars", "Jupiter"),
                false,
                false,
                true,
                List.of(1));
    }

    @Test
    void theTeacherPreparesAPollWhichTheClassOwns() {
        fixture.given(scheduled(), new SessionStartedEvent(id, TENANT, "teacher@north-high", null, null, NOW))
                .when(createPoll(THE_TEACHER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents() // the class's own stream does not change; the poll's does
                .expectResultMessagePayload(new CreatePollResult(poll, TEACHER, COURSE));
        List<? extends DomainEventMessage<?>> stream =
                polls.readEvents(poll.toString()).asStream().toList();
        assertThat(stream)
                .singleElement()
                .extracting(DomainEventMessage::getPayload)
                .isEqualTo(new PollCreatedEvent(
                        poll,
                        id,
                        TENANT,
                        "Which planet is largest?",
                        List.of("Mars", "Jupiter"),
                        false,
                        false,
                        true,
                        List.of(1),
                        "teacher@north-high",
                        NOW,
                        TEACHER));
    }

    @Test
    void aStudentCannotPrepareAPoll() {
        fixture.given(scheduled())
                .when(createPoll(STUDENT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        assertThat(polls.readEvents(poll.toString()).asStream()).isEmpty();
    }

    @Test
    void noPollsInAClassThatHasEnded() {
        fixture.given(
                        scheduled(),
                        new SessionStartedEvent(id, TENANT, "teacher@north-high", null, null, NOW),
                        new SessionEndedEvent(id, TENANT, "teacher@north-high", NOW))
                .when(createPoll(THE_TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.SESSION_ENDED));
        assertThat(polls.readEvents(poll.toString()).asStream()).isEmpty();
    }
}
