package dev.lectern.events.scene;

import dev.lectern.events.identity.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Objects;
import java.util.UUID;

/** Rename a scene or change its layout (the class's teacher or an admin). */
public record UpdateSceneCommand(@TargetAggregateIdentifier UUID sceneId, Actor actor, String name, String layout) {

    public UpdateSceneCommand {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(actor, "actor");
    }
}
