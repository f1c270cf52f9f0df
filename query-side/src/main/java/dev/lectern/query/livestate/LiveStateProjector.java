package dev.lectern.query.livestate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.EventCatalogue;
import dev.lectern.events.LecternEvent;
import dev.lectern.query.projection.NoWritesInHandler;
import dev.lectern.query.projection.StorableText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The live state of every class ({@code live_state}), and the source of the live streams.
 *
 * <p>Runs in the tracking processor {@value #PROCESSING_GROUP}, which reads the log in strict
 * position order (capped at the committed watermark). A batch of events is folded in memory, one row
 * per touched class is written in the batch's transaction together with the processor's token (exactly
 * once), and only after that transaction has committed are the events handed to the {@link LiveFanout}:
 * nothing reaches a client before it is in the log and in the state a reconnecting client would read.
 * During a replay the fan-out stays quiet; streams notice the jump in positions and read the log.
 *
 * <p>An event this projector cannot take (unstorable text, a fold that throws) fails inside its handler,
 * leaving the batch's state for that class as it was before the event: Axon's dead-letter queue parks the
 * class (its later events queue up behind it, its row stops at the last good event) and every other class
 * of the batch goes on (docs/adr/0012-poison-isolation-dead-letters.md).
 */
@Component
@NoWritesInHandler
@ProcessingGroup(LiveStateProjector.PROCESSING_GROUP)
public class LiveStateProjector {

    public static final String PROCESSING_GROUP = "live-state";
    private static final String BATCH = LiveStateProjector.class.getName() + ".batch";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final LiveFanout fanout;

    LiveStateProjector(JdbcTemplate jdbc, ObjectMapper json, LiveFanout fanout) {
        this.jdbc = jdbc;
        this.json = json;
        this.fanout = fanout;
    }

    @EventHandler
    void on(LecternEvent event, EventMessage<?> message, TrackingToken token, ReplayStatus replay) {
        long position = token.position().orElseThrow();
        // Refused here, inside the handler and before the fold, so that Axon parks this event's class
        // and the batch's write holds only storable state (docs/adr/0012-poison-isolation-dead-letters.md).
        JsonNode payload = json.valueToTree(event);
        StorableText.check(payload);
        Batch batch = batch();
        String key = event.tenantId().value() + "/" + event.sessionId().value();
        ClassState state = batch.states.computeIfAbsent(key, k -> {
            ClassState loaded = load(event);
            batch.startPositions.put(k, loaded.position);
            return loaded;
        });
        boolean changed;
        try {
            changed = ClassStateReducer.apply(state, event, position, message.getTimestamp());
        } catch (RuntimeException e) {
            restore(batch, key, event);
            throw e;
        }
        if (!changed) {
            return;
        }
        batch.applied
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(new Applied(event, position, message.getTimestamp()));
        batch.dirty.put(key, state);
        if (replay.isReplay()) {
            return;
        }
        String name = EventCatalogue.nameOf(event.getClass())
                .orElse(message.getPayloadType().getName());
        if (LiveEvent.BALLOTS.contains(name)) {
            tally(batch, key, state, event, position, message);
            return;
        }
        batch.published.add(new LiveEvent(
                event.tenantId().value(),
                event.sessionId().value(),
                position,
                -1,
                name,
                message.getTimestamp(),
                payload));
    }

    /**
     * The fold failed half way: the class's state goes back to what it was before the failing event (its
     * row, plus this batch's earlier events of the class), so the batch writes only good state while
     * Axon parks the class behind the failing event.
     */
    private void restore(Batch batch, String key, LecternEvent event) {
        ClassState restored = load(event);
        List<Applied> earlier = batch.applied.getOrDefault(key, List.of());
        for (Applied applied : earlier) {
            ClassStateReducer.apply(restored, applied.event, applied.position, applied.occurredAt);
        }
        batch.states.put(key, restored);
        if (earlier.isEmpty()) {
            batch.dirty.remove(key);
        } else {
            batch.dirty.put(key, restored);
        }
    }

    private record Applied(LecternEvent event, long position, java.time.Instant occurredAt) {}

    /**
     * A ballot is never broadcast as such (who voted what is not for the class); its poll's running tally
     * is, once per poll per batch at the position of the batch's last ballot for it: a storm of a thousand
     * votes becomes a handful of tally updates.
     */
    private void tally(
            Batch batch, String key, ClassState state, LecternEvent event, long position, EventMessage<?> message) {
        String pollId = event instanceof dev.lectern.events.poll.BallotEvent ballot ? pollOf(ballot) : null;
        ClassState.PollItem poll = pollId == null ? null : state.polls.get(pollId);
        if (poll == null) {
            return;
        }
        Integer earlier = batch.tallies.put(key + "/" + pollId, batch.published.size());
        if (earlier != null) {
            batch.published.set(earlier, null);
        }
        batch.published.add(LiveEvent.tally(
                event.tenantId().value(), event.sessionId().value(), poll, position, -1, message.getTimestamp(), json));
    }

    private static String pollOf(dev.lectern.events.poll.BallotEvent ballot) {
        if (ballot instanceof dev.lectern.events.poll.VoteCastEvent cast) {
            return cast.pollId().toString();
        }
        return ((dev.lectern.events.poll.VoteChangedEvent) ballot).pollId().toString();
    }

    /** The published events in position order, each with its class's previously published position. */
    private List<LiveEvent> chained(Batch batch) {
        Map<String, Long> last = new java.util.HashMap<>(batch.startPositions);
        List<LiveEvent> result = new ArrayList<>(batch.published.size());
        for (LiveEvent e : batch.published) {
            if (e == null) {
                continue;
            }
            String key = e.tenantId() + "/" + e.sessionId();
            long previous = last.getOrDefault(key, -1L);
            last.put(key, e.position());
            result.add(new LiveEvent(
                    e.tenantId(), e.sessionId(), e.position(), previous, e.name(), e.occurredAt(), e.payload()));
        }
        return result;
    }

    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, k -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> write(batch));
            unitOfWork.afterCommit(u -> fanout.publish(chained(batch)));
            return batch;
        });
    }

    private ClassState load(LecternEvent event) {
        List<String> rows = jdbc.queryForList(
                "SELECT state::text FROM live_state WHERE tenant_id = ? AND session_id = ?",
                String.class,
                event.tenantId().value(),
                event.sessionId().value());
        if (rows.isEmpty()) {
            return new ClassState();
        }
        try {
            return json.readValue(rows.get(0), ClassState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("live_state row is not a ClassState", e);
        }
    }

    private void write(Batch batch) {
        if (batch.dirty.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(batch.dirty.size());
        for (ClassState state : batch.dirty.values()) {
            try {
                rows.add(
                        new Object[] {state.tenantId, state.sessionId, json.writeValueAsString(state), state.position});
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("ClassState is not serialisable", e);
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO live_state (tenant_id, session_id, state, last_event_position, updated_at)
                VALUES (?, ?, ?::jsonb, ?, now())
                ON CONFLICT (tenant_id, session_id) DO UPDATE SET
                    state = EXCLUDED.state, last_event_position = EXCLUDED.last_event_position, updated_at = now()
                WHERE live_state.last_event_position < EXCLUDED.last_event_position""", rows);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM live_state");
    }

    private static final class Batch {
        final Map<String, ClassState> states = new LinkedHashMap<>();
        final Map<String, ClassState> dirty = new LinkedHashMap<>();
        final List<LiveEvent> published = new ArrayList<>();
        final Map<String, Long> startPositions = new java.util.HashMap<>();
        final Map<String, Integer> tallies = new java.util.HashMap<>();
        final Map<String, List<Applied>> applied = new java.util.HashMap<>();
    }
}
