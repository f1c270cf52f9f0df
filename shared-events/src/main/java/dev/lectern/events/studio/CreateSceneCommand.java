package dev.lectern.events.studio;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a scene of this class (teacher or admin): the Session aggregate checks who asks and creates the Scene aggregate. */
public record CreateSceneCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, SceneId sceneId, String name, String layout) {

    public CreateSceneCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
