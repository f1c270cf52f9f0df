package dev.lectern.events.scene;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Objects;
import java.util.UUID;

/** Delete a scene (the class's teacher or an admin). */
public record DeleteSceneCommand(@TargetAggregateIdentifier UUID sceneId, Actor actor) {

    public DeleteSceneCommand {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(actor, "actor");
    }
}
