package dev.lectern.command.poll;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.BallotId;
import dev.lectern.events.poll.CastVoteCommand;
import dev.lectern.events.poll.ChangeVoteCommand;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.poll.VoteCastEvent;
import dev.lectern.events.poll.VoteChangedEvent;
import dev.lectern.events.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BallotTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");

    private AggregateTestFixture<Ballot> fixture;
    private PollId poll;
    private UserId student;
    private BallotId ballot;
    private SessionId session;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ballot.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        poll = PollId.random();
        student = UserId.random();
        ballot = new BallotId(poll, student);
        session = SessionId.random();
    }

    private VoteCastEvent cast(List<Integer> options) {
        return new VoteCastEvent(poll, session, TENANT, student, options, NOW.minusSeconds(30));
    }

    @Test
    void theBallotsIdIsPollColonPerson() {
        assertThat(ballot.toString()).isEqualTo(poll + ":" + student);
    }

    @Test
    void castingAVoteRecordsTheChosenOption() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand(ballot, session, voter(), List.of(2), 4, false))
                .expectEvents(new VoteCastEvent(poll, session, TENANT, student, List.of(2), NOW));
    }

    @Test
    void multipleChoiceOptionsAreKeptSortedAndDistinct() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand(ballot, session, voter(), List.of(3, 0, 3), 4, true))
                .expectEvents(new VoteCastEvent(poll, session, TENANT, student, List.of(0, 3), NOW));
    }

    @Test
    void cannotChooseTwoOptionsInASingleChoicePoll() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand(ballot, session, voter(), List.of(0, 1), 4, false))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void cannotChooseAnOptionThatDoesNotExist() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand(ballot, session, voter(), List.of(4), 4, false))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void cannotCastAnEmptyBallot() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand(ballot, session, voter(), List.of(), 4, true))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void changingAVoteWhereThePollAllowsIt() {
        fixture.given(cast(List.of(1)))
                .when(new ChangeVoteCommand(ballot, session, voter(), List.of(2), 4, false, true))
                .expectEvents(new VoteChangedEvent(poll, session, TENANT, student, List.of(2), NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void theSameOptionsAgainChangeNothingAndSaySo() {
        fixture.given(cast(List.of(1)))
                .when(new ChangeVoteCommand(ballot, session, voter(), List.of(1), 4, false, true))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void cannotChangeAVoteWhereThePollDoesNotAllowIt() {
        fixture.given(cast(List.of(1)))
                .when(new ChangeVoteCommand(ballot, session, voter(), List.of(2), 4, false, false))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VOTE_CHANGE_NOT_ALLOWED));
    }

    @Test
    void aChangedVoteKeepsThePollsShape() {
        fixture.given(cast(List.of(1)))
                .when(new ChangeVoteCommand(ballot, session, voter(), List.of(1, 2), 4, false, true))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    private Actor voter() {
        return new Actor(TENANT, "s@north-high", student, Set.of(Role.STUDENT));
    }

    /** docs/adr/0014: a ballot is not found (as its poll) from another class of its school, nor from another school. */
    @Test
    void aBallotOfAnotherClassOrSchoolIsNotFoundAndNothingIsAppended() {
        Actor foreign = new Actor(new TenantId("south-high"), "s@south-high", student, Set.of(Role.STUDENT));
        fixture.given(cast(List.of(1)))
                .when(new ChangeVoteCommand(ballot, SessionId.random(), voter(), List.of(2), 4, false, true))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_NOT_FOUND));
        fixture.given(cast(List.of(1)))
                .when(new ChangeVoteCommand(ballot, session, foreign, List.of(2), 4, false, true))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.POLL_NOT_FOUND));
    }

    @Test
    void aBallotIsCastByItsOwnPerson() {
        Actor someoneElse = new Actor(TENANT, "x@north-high", UserId.random(), Set.of(Role.STUDENT));
        assertThatThrownBy(() -> new CastVoteCommand(ballot, session, someoneElse, List.of(1), 4, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
