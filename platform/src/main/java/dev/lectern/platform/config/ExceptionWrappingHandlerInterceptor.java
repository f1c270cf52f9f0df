package dev.lectern.platform.config;

import dev.lectern.events.error.DomainError;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.RequestRejectedException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Makes a refusal survive a distributed command bus: a {@link DomainException} or
 * {@link RequestRejectedException} leaves the handler as a {@link CommandExecutionException} whose
 * details are a {@link DomainError} (code, detail, parameter, retry-after). Axon Server carries the
 * details to the sending node, but not the cause; on the local bus the cause is still there, so
 * whoever walks the cause chain sees what it saw before. See docs/adr/0004-errors-problem-json.md.
 *
 * <p>A {@code DomainException} is checked on purpose: the unit of work commits and the cached
 * aggregate stays. To keep that, its wrapper is returned as an exceptional result instead of being
 * thrown (a thrown {@code CommandExecutionException} is unchecked and would roll back). Everything
 * else passes through unchanged.
 */
public class ExceptionWrappingHandlerInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (DomainException refused) {
            return GenericCommandResultMessage.asCommandResultMessage(wrap(refused, DomainError.of(refused)));
        } catch (RequestRejectedException rejected) {
            throw wrap(rejected, DomainError.of(rejected));
        }
    }

    private static CommandExecutionException wrap(Exception failure, DomainError details) {
        return new CommandExecutionException(failure.getMessage(), failure, details);
    }
}
