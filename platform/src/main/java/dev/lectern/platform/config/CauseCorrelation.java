package dev.lectern.platform.config;

import dev.lectern.events.Cause;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.saga.SagaScopeDescriptor;

/**
 * Puts the cause ({@link Cause}) of the message being handled onto every message dispatched while
 * handling it: command to events, event to a saga's commands. A deadline is a cause of its own (the
 * request that once scheduled it is not): {@code source: deadline}, the deadline's name, and the saga
 * whose deadline it is. Any saga's handler adds its saga name. So every event says why it happened,
 * for present and future sagas and deadlines alike (docs/adr/0016-*.md).
 */
final class CauseCorrelation implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> cause = new HashMap<>();
        if (message instanceof DeadlineMessage<?> deadline) {
            cause.put(Cause.SOURCE, Cause.DEADLINE_SOURCE);
            cause.put(Cause.DEADLINE, deadline.getDeadlineName());
        } else {
            for (String key : Cause.KEYS) {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    cause.put(key, value);
                }
            }
        }
        String saga = currentSaga();
        if (saga != null) {
            cause.put(Cause.SAGA, saga);
        }
        return cause;
    }

    private static String currentSaga() {
        try {
            ScopeDescriptor scope = Scope.describeCurrentScope();
            return scope instanceof SagaScopeDescriptor saga ? simpleName(saga.getType()) : null;
        } catch (IllegalStateException noScope) {
            return null;
        }
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
