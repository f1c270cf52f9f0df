package dev.lectern.platform.processing;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/** The processing groups that have a dead-letter queue (every event handling group; not sagas). */
@Component
public class DeadLetterGroups {

    private final EventProcessingConfiguration processing;

    DeadLetterGroups(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String name : processing.eventProcessors().keySet()) {
            if (processing.sequencedDeadLetterProcessor(name).isPresent()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The group's queue, if the group exists and has one. */
    public Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        if (processing.sequencedDeadLetterProcessor(group).isEmpty()) {
            return Optional.empty();
        }
        return processing.deadLetterQueue(group);
    }
}
