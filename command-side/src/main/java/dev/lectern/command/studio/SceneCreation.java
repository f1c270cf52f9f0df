package dev.lectern.command.studio;

import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import dev.lectern.events.scene.SceneCreatedEvent;

/**
 * How the class (the Session aggregate) creates a Scene aggregate from inside its own command handler,
 * in the same unit of work, once it has checked who asks. The aggregate itself stays package-private.
 */
public final class SceneCreation {

    private SceneCreation() {}

    public static void create(SceneCreatedEvent created) throws Exception {
        createNew(Scene.class, () -> new Scene(created));
    }
}
