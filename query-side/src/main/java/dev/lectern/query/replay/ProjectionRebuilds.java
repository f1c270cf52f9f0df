package dev.lectern.query.replay;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a read model from {@code session_state_events} alone: stop the processing group, reset
 * its tokens (its {@code @ResetHandler} clears its tables), start it again. Each read model has
 * its own processing group, so a rebuild never stalls another view. Side effects (sagas, the live
 * fan-out during a replay) are never replayed: sagas are not resettable here, and the live projector
 * stays quiet while its group replays.
 */
@Component
public class ProjectionRebuilds {

    /** Read models that may be rebuilt (sagas and other side-effecting processors are not listed). */
    public static final Set<String> REBUILDABLE = Set.of("sessions", "live-state", "studio");

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    ProjectionRebuilds(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    /** Where a processing group is: its lowest segment position against the head of the log. */
    public record Status(
            String group, long position, long head, boolean caughtUp, boolean replaying, boolean running) {}

    public Set<String> groups() {
        Set<String> result = new TreeSet<>();
        for (String group : REBUILDABLE) {
            if (processing.eventProcessor(group, StreamingEventProcessor.class).isPresent()) {
                result.add(group);
            }
        }
        return result;
    }

    /** Starts a rebuild; returns false when no rebuildable streaming processor has that name. */
    public boolean rebuild(String processingGroup) {
        if (!REBUILDABLE.contains(processingGroup)) {
            return false;
        }
        Optional<StreamingEventProcessor> found =
                processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
        found.ifPresent(processor -> {
            processor.shutDown();
            try {
                processor.resetTokens();
            } finally {
                processor.start();
            }
        });
        return found.isPresent();
    }

    /**
     * The lowest position any segment of the group has processed, or -1 before its first event.
     * A rebuild is complete when this reaches the head of the log ({@code isReplaying()} is not a
     * reliable signal: it stays true at the head until the next event arrives).
     */
    public long position(String processingGroup) {
        return processing
                .eventProcessor(processingGroup, StreamingEventProcessor.class)
                .map(p -> p.processingStatus().values().stream()
                        .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                        .min()
                        .orElse(-1))
                .orElse(-1L);
    }

    /** The highest position in the log (-1 when empty). */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM session_state_events", Long.class);
        return head == null ? -1 : head;
    }

    public Optional<Status> status(String group) {
        if (!groups().contains(group)) {
            return Optional.empty();
        }
        StreamingEventProcessor processor =
                processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
        long position = position(group);
        long head = head();
        return Optional.of(
                new Status(group, position, head, position >= head, processor.isReplaying(), processor.isRunning()));
    }

    public List<Status> statuses() {
        return groups().stream().map(g -> status(g).orElseThrow()).toList();
    }
}
