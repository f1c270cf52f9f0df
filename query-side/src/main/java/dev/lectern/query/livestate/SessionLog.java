package dev.lectern.query.livestate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.EventCatalogue;
import dev.lectern.events.LecternEvent;
import dev.lectern.query.projection.StoredBytes;
import io.r2dbc.spi.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A class's events read back from {@code session_state_events} (R2DBC, through the
 * (session_id, global_index) index), upcast and deserialised exactly as Axon's processors see them.
 * Used to resume a stream after a position, and to fold the class state at a past moment. Callers
 * bound every read by a position the live projection has reached, so a read never runs ahead of
 * the committed watermark.
 */
@Component
public class SessionLog {

    private static final int PAGE = 500;

    private final DatabaseClient db;
    private final Serializer serializer;
    private final org.axonframework.config.Configuration axon;
    private final ObjectMapper json;

    SessionLog(
            DatabaseClient db,
            @Qualifier("eventSerializer") Serializer serializer,
            org.axonframework.config.Configuration axon,
            ObjectMapper json) {
        this.db = db;
        this.serializer = serializer;
        this.axon = axon;
        this.json = json;
    }

    /** One stored event, deserialised. */
    public record Entry(long position, Instant occurredAt, String name, LecternEvent event) {}

    /** The class's events with {@code after < position <= upTo}, in log order. */
    public Flux<Entry> read(String tenantId, UUID sessionId, long after, long upTo) {
        if (upTo <= after) {
            return Flux.empty();
        }
        return page(tenantId, sessionId, after, upTo, null)
                .expand(page -> page.size() < PAGE
                        ? Mono.empty()
                        : page(tenantId, sessionId, page.get(page.size() - 1).position(), upTo, null))
                .flatMapIterable(page -> page);
    }

    /** The class's first event (its {@code session.scheduled}), if the class exists in this tenant. */
    public Mono<Entry> first(String tenantId, UUID sessionId) {
        return page(tenantId, sessionId, -1, Long.MAX_VALUE, null, 1)
                .flatMapMany(Flux::fromIterable)
                .next();
    }

    /** The class's events up to {@code upTo} that happened at or before {@code at}. */
    public Flux<Entry> readUntil(String tenantId, UUID sessionId, Instant at, long upTo) {
        return page(tenantId, sessionId, -1, upTo, at)
                .expand(page -> page.size() < PAGE
                        ? Mono.empty()
                        : page(tenantId, sessionId, page.get(page.size() - 1).position(), upTo, at))
                .flatMapIterable(page -> page);
    }

    /**
     * The position of the class's latest committed event among {@code eventNames} in this tenant (-1 if it has
     * none): what a read model fed by those events must have reached to answer as of now. Reads only the log's
     * columns, never a payload (docs/adr/0023-query-side-read-models-for-studio.md).
     */
    public Mono<Long> latestPosition(String tenantId, UUID sessionId, Collection<String> eventNames) {
        return db.sql("SELECT max(global_index) AS head FROM session_state_events "
                        + "WHERE tenant_id = :tenant AND session_id = :session AND event_name = ANY(:names)")
                .bind("tenant", tenantId)
                .bind("session", sessionId)
                .bind("names", eventNames.toArray(String[]::new))
                .map((row, meta) -> {
                    Long head = row.get("head", Long.class);
                    return head == null ? -1L : head;
                })
                .one()
                .defaultIfEmpty(-1L);
    }

    /** As live events (with each one's predecessor position) for a stream catching up. */
    public Flux<LiveEvent> readLive(String tenantId, UUID sessionId, long after, long upTo) {
        AtomicLong previous = new AtomicLong(after);
        return read(tenantId, sessionId, after, upTo)
                .map(entry -> new LiveEvent(
                        tenantId,
                        sessionId,
                        entry.position(),
                        previous.getAndSet(entry.position()),
                        entry.name(),
                        entry.occurredAt(),
                        json.valueToTree(entry.event())));
    }

    private Mono<List<Entry>> page(String tenantId, UUID sessionId, long after, long upTo, Instant at) {
        return page(tenantId, sessionId, after, upTo, at, PAGE);
    }

    private Mono<List<Entry>> page(String tenantId, UUID sessionId, long after, long upTo, Instant at, int limit) {
        String sql = """
                SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                       payload_type, payload_revision, payload, meta_data
                FROM session_state_events
                WHERE tenant_id = :tenant AND session_id = :session AND global_index > :after AND global_index <= :upTo
                """ + (at == null ? "" : " AND occurred_at <= :at ") + " ORDER BY global_index LIMIT " + limit;
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql)
                .bind("tenant", tenantId)
                .bind("session", sessionId)
                .bind("after", after)
                .bind("upTo", upTo);
        if (at != null) {
            spec = spec.bind("at", at.atOffset(java.time.ZoneOffset.UTC));
        }
        return spec.map((row, meta) -> stored(row)).all().collectList().map(this::deserialise);
    }

    private static TrackedEventData<byte[]> stored(Row row) {
        long position = row.get("global_index", Long.class);
        return new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(position),
                new GenericDomainEventEntry<>(
                        row.get("type", String.class),
                        row.get("aggregate_identifier", String.class),
                        row.get("sequence_number", Long.class),
                        row.get("event_identifier", String.class),
                        row.get("time_stamp", String.class),
                        row.get("payload_type", String.class),
                        row.get("payload_revision", String.class),
                        StoredBytes.of(row.get("payload", ByteBuffer.class)),
                        StoredBytes.of(row.get("meta_data", ByteBuffer.class))));
    }

    private List<Entry> deserialise(List<TrackedEventData<byte[]>> rows) {
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, axon.upcasterChain())
                .map(SessionLog::entry)
                .toList();
    }

    private static Entry entry(TrackedEventMessage<?> message) {
        LecternEvent event = (LecternEvent) message.getPayload();
        String name = EventCatalogue.nameOf(event.getClass())
                .orElse(message.getPayloadType().getName());
        return new Entry(message.trackingToken().position().orElseThrow(), message.getTimestamp(), name, event);
    }
}
