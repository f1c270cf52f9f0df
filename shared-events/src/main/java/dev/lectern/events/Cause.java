package dev.lectern.events;

import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Why an event happened, as Axon metadata on the command and, copied by the correlation data
 * provider, on every event it causes ({@code session_state_events.meta_data}). Every command carries
 * one cause: an HTTP request (request id, actor, Idempotency-Key), a provider's webhook delivery
 * (source and delivery id), or a saga's deadline (saga and deadline name). See docs/adr/0016-*.md.
 */
public final class Cause {

    /** Who or what caused it: {@code http}, {@code livekit-webhook}, {@code deadline}. */
    public static final String SOURCE = "source";

    public static final String REQUEST_ID = "requestId";
    public static final String ACTOR = "actor";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The provider's own id of the delivery (LiveKit's webhook event id), to find it in the provider's logs. */
    public static final String DELIVERY_ID = "deliveryId";
    /** The provider's name of what was delivered ({@code room_finished}, ...). */
    public static final String DELIVERY_EVENT = "deliveryEvent";

    public static final String SAGA = "saga";
    public static final String DEADLINE = "deadline";

    public static final String HTTP = "http";
    public static final String LIVEKIT_WEBHOOK = "livekit-webhook";
    public static final String DEADLINE_SOURCE = "deadline";

    /** Every key of a cause: what the correlation data provider copies from a command onto its events. */
    public static final List<String> KEYS =
            List.of(SOURCE, REQUEST_ID, ACTOR, IDEMPOTENCY_KEY, DELIVERY_ID, DELIVERY_EVENT, SAGA, DEADLINE);

    private Cause() {}

    /** A delivery from a provider's webhook, e.g. {@code webhook(LIVEKIT_WEBHOOK, event.getId(), event.getEvent())}. */
    public static MetaData webhook(String source, String deliveryId, String deliveryEvent) {
        return MetaData.from(Map.of(SOURCE, source, DELIVERY_ID, deliveryId, DELIVERY_EVENT, deliveryEvent));
    }
}
