package dev.lectern.command.poll;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.command.poll.PollGate.Gate;
import dev.lectern.command.poll.PollGate.Status;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.poll.PollId;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.session.SessionId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The vote's rules as {@link Voting} applies them to the gate row it read under the poll's lock (docs/adr/0010). */
class VotingTest {

    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId TEACHER = UserId.random();
    private static final CourseId COURSE = CourseId.random();

    private final UserId voter = UserId.random();

    private Gate gate(Status status, CourseId course, String enrolledAs, boolean revoked) {
        return new Gate(
                PollId.random(),
                new SessionId(UUID.randomUUID()),
                status,
                3,
                false,
                false,
                false,
                TEACHER,
                course,
                enrolledAs,
                revoked,
                false);
    }

    private Actor actor(Role role) {
        return new Actor(TENANT, "v@north-high", voter, Set.of(role));
    }

    @Test
    void aStudentOfAnAdHocClassAndAnEnrolledAssistantMayVote() {
        assertThatCode(() -> Voting.requireVoter(actor(Role.STUDENT), gate(Status.OPEN, null, null, false)))
                .doesNotThrowAnyException();
        assertThatCode(() -> Voting.requireVoter(
                        actor(Role.STUDENT), gate(Status.OPEN, COURSE, ClassRoles.ASSISTANT, false)))
                .doesNotThrowAnyException();
    }

    @Test
    void aRemovedPersonIsRefusedBeforeAnythingElse() {
        assertThatThrownBy(() -> Voting.requireVoter(actor(Role.STUDENT), gate(Status.OPEN, null, null, true)))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> code(e, ErrorCode.PARTICIPANT_REVOKED));
    }

    @Test
    void someoneNotOnTheCoursesRosterCannotVote() {
        assertThatThrownBy(() -> Voting.requireVoter(actor(Role.STUDENT), gate(Status.OPEN, COURSE, null, false)))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> code(e, ErrorCode.NOT_ON_ROSTER));
    }

    @Test
    void theClassesTeacherRunsThePollRatherThanVotingInIt() {
        Actor teacher = new Actor(TENANT, "t@north-high", TEACHER, Set.of(Role.TEACHER));
        assertThatThrownBy(() -> Voting.requireVoter(teacher, gate(Status.OPEN, null, null, false)))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> code(e, ErrorCode.FORBIDDEN));
    }

    @Test
    void votesAreTakenOnlyWhileThePollIsOpen() {
        assertThatCode(() -> Voting.requireOpen(gate(Status.OPEN, null, null, false)))
                .doesNotThrowAnyException();
        for (Status status : new Status[] {Status.DRAFT, Status.CLOSED, Status.PUBLISHED}) {
            assertThatThrownBy(() -> Voting.requireOpen(gate(status, null, null, false)))
                    .isInstanceOfSatisfying(RequestRejectedException.class, e -> code(e, ErrorCode.POLL_NOT_OPEN));
        }
    }

    private static void code(RequestRejectedException e, ErrorCode expected) {
        org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(expected);
    }
}
