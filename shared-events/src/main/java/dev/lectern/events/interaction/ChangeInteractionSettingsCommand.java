package dev.lectern.events.interaction;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.SessionId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change chat on/off, slow mode, blocked words, anonymous questions (teacher or admin); null leaves a setting as it is. */
public record ChangeInteractionSettingsCommand(
        @TargetAggregateIdentifier SessionId sessionId,
        Actor actor,
        Boolean chatEnabled,
        Integer slowModeSeconds,
        List<String> blockedWords,
        Boolean anonymousQuestions) {

    public ChangeInteractionSettingsCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
