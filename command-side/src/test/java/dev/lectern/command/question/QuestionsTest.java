package dev.lectern.command.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.question.ResolveQuestionCommand;
import dev.lectern.events.question.UpvoteQuestionCommand;
import dev.lectern.events.session.AuthorizeModerationCommand;
import dev.lectern.events.session.AuthorizeParticipationCommand;
import dev.lectern.events.session.SessionId;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class QuestionsTest {

    private final CommandDispatcher commands = mock(CommandDispatcher.class);
    private final Questions questions = new Questions(commands);

    private final Actor student =
            new Actor(TenantId.of("north-high"), "student-1", UserId.random(), Set.of(Role.STUDENT));
    private final SessionId session = SessionId.random();
    private final QuestionId question = QuestionId.random();
    private final IdempotencyKey key = IdempotencyKey.require("k-1");

    @Test
    void anUpvoteIsAuthorisedAsParticipationBeforeItReachesTheQuestion() {
        questions.upvote(student, session, question, key);

        InOrder order = inOrder(commands);
        order.verify(commands).send(new AuthorizeParticipationCommand(session, student), key);
        order.verify(commands).send(new UpvoteQuestionCommand(question, session, student), key);
    }

    @Test
    void resolvingIsAuthorisedAsModerationBeforeItReachesTheQuestion() {
        questions.resolve(student, session, question, key);

        InOrder order = inOrder(commands);
        order.verify(commands).send(new AuthorizeModerationCommand(session, student), key);
        order.verify(commands).send(new ResolveQuestionCommand(question, session, student), key);
    }

    @Test
    void aQuestionThatDoesNotExistIsNotFound() {
        when(commands.send(any(UpvoteQuestionCommand.class), eq(key)))
                .thenThrow(new AggregateNotFoundException(question.toString(), "no such aggregate"));

        assertThatThrownBy(() -> questions.upvote(student, session, question, key))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.QUESTION_NOT_FOUND));
        verify(commands).send(new AuthorizeParticipationCommand(session, student), key);
    }
}
