package dev.lectern.query.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Rebuilds a read model from {@code session_state_events} alone: stop the processing group, reset
 * its tokens (its {@code @ResetHandler} clears its tables), start it again. Each read model has
 * its own processing group, so a rebuild never stalls another view.
 */
@Component
public class ProjectionRebuilds {

    private final EventProcessingConfiguration processing;

    ProjectionRebuilds(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Starts a rebuild; returns false when no streaming processor has that name. */
    public boolean rebuild(String processingGroup) {
        Optional<StreamingEventProcessor> found =
                processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
        found.ifPresent(processor -> {
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        });
        return found.isPresent();
    }

    /**
     * The lowest position any segment of the group has processed, or -1 before its first event.
     * A rebuild is complete when this reaches the head of the log ({@code isReplaying()} is not a
     * reliable signal: it stays true at the head until the next event arrives).
     */
    public long position(String processingGroup) {
        return processing.eventProcessor(processingGroup, StreamingEventProcessor.class)
                         .map(p -> p.processingStatus().values().stream()
                                    .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                                    .min().orElse(-1))
                         .orElse(-1L);
    }
}
