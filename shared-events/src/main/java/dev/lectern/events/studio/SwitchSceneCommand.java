package dev.lectern.events.studio;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switch the class to one of its scenes (teacher or admin); name and layout come from the Scene aggregate. */
public record SwitchSceneCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, SceneId sceneId, String name, String layout) {

    public SwitchSceneCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
