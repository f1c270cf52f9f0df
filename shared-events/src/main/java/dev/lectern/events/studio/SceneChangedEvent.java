package dev.lectern.events.studio;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The class switched to another of its scenes (a Session command). */
@EventName("scene.changed")
@Revision("1")
public record SceneChangedEvent(
        SessionId sessionId,
        TenantId tenantId,
        UUID sceneId,
        String name,
        String layout,
        String changedBy,
        Instant changedAt)
        implements StudioEvent {}
