package dev.lectern.events.scene;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a scene (the class's teacher or an admin). */
public record DeleteSceneCommand(@TargetAggregateIdentifier SceneId sceneId, SessionId sessionId, Actor actor)
        implements ClassObjectCommand {

    public DeleteSceneCommand {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
