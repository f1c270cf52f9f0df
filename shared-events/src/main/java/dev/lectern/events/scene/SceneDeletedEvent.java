package dev.lectern.events.scene;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A scene was deleted (if it is the active one, the class keeps showing it until another is chosen). */
@EventName("scene.deleted")
@Revision("1")
public record SceneDeletedEvent(
        SceneId sceneId, SessionId sessionId, TenantId tenantId, String deletedBy, Instant deletedAt)
        implements SceneEvent {}
