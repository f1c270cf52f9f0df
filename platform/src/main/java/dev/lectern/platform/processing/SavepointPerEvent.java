package dev.lectern.platform.processing;

import dev.lectern.command.tables.WriteSideTables;
import dev.lectern.query.projection.NoWritesInHandler;
import java.lang.reflect.Method;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every event handler runs inside a savepoint of its batch's transaction: when a handler's SQL statement
 * fails (content or a value PostgreSQL refuses), PostgreSQL would otherwise abort the whole transaction,
 * Axon could not even park the event, and the batch would fail for every class. Rolled back to the
 * savepoint, the transaction stays usable, the exception reaches Axon's dead-letter queue, and only the
 * event's class is parked (docs/adr/0012-poison-isolation-dead-letters.md).
 *
 * <p>Not for saga handlers (no queue for them), not for components marked {@link NoWritesInHandler}
 * (the live-state projector: two round trips per event on its path would be most of its cost), and not for
 * aggregates' event sourcing handlers: they only change the aggregate's fields, and run for every event applied
 * by a command and every event replayed when an aggregate is loaded or snapshotted
 * (docs/adr/0019-session-members-and-snapshots.md); and not for
 * the command side's {@link WriteSideTables#PROCESSING_GROUP}: its failure must roll the command back, and a vote would
 * pay the two round trips (docs/adr/0021-write-side-tables-fed-by-events.md).
 */
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;

    public SavepointPerEvent(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean noWrites = original.unwrap(Method.class)
                .map(m -> m.getDeclaringClass().isAnnotationPresent(NoWritesInHandler.class))
                .orElse(false);
        boolean inTheCommandsTransaction = original.unwrap(Method.class)
                .map(m -> m.getDeclaringClass().getAnnotation(ProcessingGroup.class))
                .map(g -> WriteSideTables.PROCESSING_GROUP.equals(g.value()))
                .orElse(false);
        if (!original.canHandleMessageType(EventMessage.class)
                || original.hasAnnotation(SagaEventHandler.class)
                || original.hasAnnotation(EventSourcingHandler.class)
                || noWrites
                || inTheCommandsTransaction) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                TransactionStatus savepoint = transactions.getTransaction(NESTED);
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error e) {
                    transactions.rollback(savepoint);
                    throw e;
                }
                transactions.commit(savepoint);
                return result;
            }
        };
    }
}
