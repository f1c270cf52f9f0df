package dev.lectern.events.studio;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The class switched to another of its scenes (a Session command). */
@EventName("scene.changed")
@Revision("1")
public record SceneChangedEvent(
        SessionId sessionId,
        TenantId tenantId,
        SceneId sceneId,
        String name,
        String layout,
        String changedBy,
        Instant changedAt)
        implements StudioEvent {}
