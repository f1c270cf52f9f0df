package dev.lectern.events.scene;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rename a scene or change its layout (the class's teacher or an admin). */
public record UpdateSceneCommand(
        @TargetAggregateIdentifier SceneId sceneId, SessionId sessionId, Actor actor, String name, String layout)
        implements ClassObjectCommand {

    public UpdateSceneCommand {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
