package dev.lectern.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lectern.events.error.DomainError;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

/** A refusal leaves the command bus with its code in the details, and the unit of work ends as it did before. */
class ExceptionWrappingHandlerInterceptorTest {

    private final List<String> outcome = new ArrayList<>();

    @Test
    void aDomainRefusalCarriesItsCodeDetailAndRetryAfterInTheDetails() {
        DomainException slowMode =
                new DomainException(ErrorCode.RATE_LIMITED, "Slow mode: wait", Duration.ofMillis(1500));

        CommandResultMessage<?> result = dispatch(throwing(slowMode), true);

        assertThat(result.isExceptional()).isTrue();
        CommandExecutionException wrapped = (CommandExecutionException) result.exceptionResult();
        assertThat(wrapped.getDetails())
                .contains(new DomainError(ErrorCode.RATE_LIMITED, "Slow mode: wait", null, 1500L));
        assertThat(wrapped.getMessage()).isEqualTo("Slow mode: wait");
        assertThat(wrapped.getCause())
                .as("the local caller still sees the refusal itself")
                .isSameAs(slowMode);
    }

    @Test
    void aDomainRefusalStillCommitsTheUnitOfWorkAsACheckedExceptionDoes() {
        DomainException ended = new DomainException(ErrorCode.SESSION_ENDED, "Session has ended");

        dispatch(throwing(ended), false);
        assertThat(outcome).as("without the interceptor").containsExactly("committed");
        outcome.clear();

        dispatch(throwing(ended), true);
        assertThat(outcome).as("with the interceptor").containsExactly("committed");
    }

    @Test
    void aRejectionAtTheEdgeCarriesItsParameterAndStillRollsBack() {
        RequestRejectedException rejected = RequestRejectedException.invalidParameter("title", "is too long");

        CommandResultMessage<?> result = dispatch(throwing(rejected), true);

        CommandExecutionException wrapped = (CommandExecutionException) result.exceptionResult();
        assertThat(wrapped.getDetails())
                .contains(new DomainError(ErrorCode.VALIDATION_FAILED, "title is too long", "title", null));
        assertThat(wrapped.getCause()).isSameAs(rejected);
        assertThat(outcome).containsExactly("rolled back");
    }

    @Test
    void anyOtherFailurePassesThroughUnchanged() {
        IllegalStateException bug = new IllegalStateException("bug");

        CommandResultMessage<?> result = dispatch(throwing(bug), true);

        assertThat(result.exceptionResult()).isSameAs(bug);
        assertThat(outcome).containsExactly("rolled back");
    }

    @Test
    void aSuccessfulCommandAnswersAsBefore() {
        CommandResultMessage<?> result = dispatch(command -> "done", true);

        assertThat(result.isExceptional()).isFalse();
        assertThat(result.getPayload()).isEqualTo("done");
        assertThat(outcome).containsExactly("committed");
    }

    @Test
    void theGatewayThrowsTheWrapperWithTheRefusalAsItsCauseAsItDidWithoutDetails() {
        DomainException ended = new DomainException(ErrorCode.SESSION_ENDED, "Session has ended");

        Throwable before = catchThrowable(() -> gateway(throwing(ended), false).sendAndWait("end"));
        Throwable after = catchThrowable(() -> gateway(throwing(ended), true).sendAndWait("end"));

        assertThat(before).isInstanceOf(CommandExecutionException.class).hasCause(ended);
        assertThat(((CommandExecutionException) before).getDetails()).isEmpty();
        assertThat(after).isInstanceOf(CommandExecutionException.class).hasCause(ended);
        assertThat(((CommandExecutionException) after).<DomainError>getDetails())
                .contains(new DomainError(ErrorCode.SESSION_ENDED, "Session has ended", null, null));
    }

    private MessageHandler<CommandMessage<?>> throwing(Exception failure) {
        return command -> {
            throw failure;
        };
    }

    private CommandResultMessage<?> dispatch(MessageHandler<CommandMessage<?>> handler, boolean intercepted) {
        AtomicReference<CommandResultMessage<?>> result = new AtomicReference<>();
        bus(handler, intercepted).dispatch(GenericCommandMessage.asCommandMessage("end"), (c, r) -> result.set(r));
        return result.get();
    }

    private CommandGateway gateway(MessageHandler<CommandMessage<?>> handler, boolean intercepted) {
        return DefaultCommandGateway.builder()
                .commandBus(bus(handler, intercepted))
                .build();
    }

    private SimpleCommandBus bus(MessageHandler<CommandMessage<?>> handler, boolean intercepted) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), command -> {
            CurrentUnitOfWork.get().onCommit(u -> outcome.add("committed"));
            CurrentUnitOfWork.get().onRollback(u -> outcome.add("rolled back"));
            return handler.handle(command);
        });
        if (intercepted) {
            bus.registerHandlerInterceptor(new ExceptionWrappingHandlerInterceptor());
        }
        return bus;
    }
}
