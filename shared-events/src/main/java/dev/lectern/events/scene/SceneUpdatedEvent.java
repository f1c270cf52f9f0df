package dev.lectern.events.scene;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A scene was renamed or given another layout. */
@EventName("scene.updated")
@Revision("1")
public record SceneUpdatedEvent(
        SceneId sceneId,
        SessionId sessionId,
        TenantId tenantId,
        String name,
        String layout,
        String updatedBy,
        Instant updatedAt)
        implements SceneEvent {}
