package dev.lectern.events.interaction;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The teacher changed the class's interaction settings: chat on or off, slow mode (seconds between one person's messages, 0 = off), blocked words, anonymous questions. */
@EventName("interaction.settings_changed")
@Revision("1")
public record InteractionSettingsChangedEvent(
        SessionId sessionId,
        TenantId tenantId,
        boolean chatEnabled,
        int slowModeSeconds,
        List<String> blockedWords,
        boolean anonymousQuestions,
        String changedBy,
        Instant changedAt)
        implements InteractionEvent {}
