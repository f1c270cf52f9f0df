package dev.lectern.events.scene;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ClassObjectCreatedEvent;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A scene of a class was created: a name and a layout; {@code owner} is the class's teacher (who may edit it, with admins). */
@EventName("scene.created")
@Revision("1")
public record SceneCreatedEvent(
        SceneId sceneId,
        SessionId sessionId,
        TenantId tenantId,
        String name,
        String layout,
        UserId owner,
        String createdBy,
        Instant createdAt)
        implements SceneEvent, ClassObjectCreatedEvent {}
