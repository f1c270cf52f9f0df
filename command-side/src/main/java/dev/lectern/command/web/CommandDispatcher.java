package dev.lectern.command.web;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.events.Cause;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Sends a command synchronously on the calling (worker) thread, so that its unit of work joins the
 * transaction {@link dev.lectern.command.idempotency.IdempotentWrites} opened. Adds the request id
 * and idempotency key as metadata ({@link Cause}, source {@code http}); the correlation provider copies
 * them onto every event.
 */
@Component
public class CommandDispatcher {

    public static final String REQUEST_ID = Cause.REQUEST_ID;
    public static final String ACTOR = Cause.ACTOR;
    public static final String IDEMPOTENCY_KEY = Cause.IDEMPOTENCY_KEY;

    private final CommandGateway gateway;

    CommandDispatcher(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, IdempotencyKey key) {
        Map<String, Object> meta = new HashMap<>();
        meta.put(Cause.SOURCE, Cause.HTTP);
        meta.put(IDEMPOTENCY_KEY, key.value());
        String actor = MDC.get(ACTOR);
        if (actor != null) {
            meta.put(ACTOR, actor);
        }
        String requestId = MDC.get(REQUEST_ID);
        if (requestId != null) {
            meta.put(REQUEST_ID, requestId);
        }
        return gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(meta)));
    }
}
