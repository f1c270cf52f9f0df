package dev.lectern.command.unitofwork;

import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Releases what a command handler allocated outside the event log (a media room, a recorder) when the
 * command does not succeed. The one way to register such an undo: {@code UnitOfWork.onRollback} alone is
 * not enough, because Axon rolls a unit of work back only on unchecked exceptions, and Lectern's handlers
 * reject with checked ones (a rollback would evict the cached aggregate). See docs/adr/0016-*.md.
 *
 * <p>The undo runs once, when any of these happens after registration:
 * <ul>
 *   <li>the unit of work rolls back (an unchecked exception, a failed append);</li>
 *   <li>the unit of work commits with an exceptional result (a checked exception: a rejection or a
 *       dependency failure after the allocation);</li>
 *   <li>the unit of work succeeded, but the surrounding database transaction it joined (the
 *       Idempotency-Key's, a webhook's) rolls back afterwards.</li>
 * </ul>
 * Undos run in reverse order of registration (Axon calls rollback and after-commit handlers that way).
 * A failing undo is logged and swallowed: nothing else is left to try in this request.
 */
public final class Compensation {

    private static final Logger log = LoggerFactory.getLogger(Compensation.class);

    /** An undo action; it may throw (its failure is logged). */
    @FunctionalInterface
    public interface Undo {
        void run() throws Exception;
    }

    private Compensation() {}

    /**
     * Registers {@code undo} for the current unit of work's failure. Call it right after the allocation
     * succeeded, before anything else that can fail.
     *
     * @param what what is undone, for the log (no secrets)
     * @throws IllegalStateException outside a unit of work: an allocation there could never be undone
     */
    public static void onFailure(String what, Undo undo) {
        UnitOfWork<?> unit = CurrentUnitOfWork.get();
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                run(what, undo);
            }
        };
        unit.onRollback(u -> once.run());
        unit.afterCommit(u -> {
            ExecutionResult result = u.getExecutionResult();
            if (result != null && result.isExceptionResult()) {
                once.run();
            } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status == STATUS_ROLLED_BACK) {
                            once.run();
                        }
                    }
                });
            }
        });
    }

    private static void run(String what, Undo undo) {
        try {
            undo.run();
            log.info("Compensated a failed command: {}", what);
        } catch (Exception | LinkageError e) {
            log.warn("Compensation failed ({}): {}", what, e.toString());
        }
    }
}
