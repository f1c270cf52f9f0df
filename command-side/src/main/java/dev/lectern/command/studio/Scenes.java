package dev.lectern.command.studio;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.scene.DeleteSceneCommand;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.scene.UpdateSceneCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.studio.SwitchSceneCommand;
import org.springframework.stereotype.Service;

/**
 * Editing a class's scenes and switching to one, inside the write's transaction: a scene of another class or
 * school is {@code SCENE_NOT_FOUND}, and so is switching to a deleted scene; the answer is the scene as it is
 * after the change.
 */
@Service
class Scenes {

    private final CommandDispatcher commands;
    private final SceneLookup scenes;

    Scenes(CommandDispatcher commands, SceneLookup scenes) {
        this.commands = commands;
        this.scenes = scenes;
    }

    /** {@code name} and {@code layout} may each be null: unchanged. */
    SceneLookup.SceneView update(
            Actor actor, SessionId session, SceneId scene, String name, String layout, IdempotencyKey key) {
        scenes.require(actor, session, scene);
        commands.send(new UpdateSceneCommand(scene, session, actor, name, layout), key);
        return scenes.require(actor, session, scene);
    }

    SceneLookup.SceneView delete(Actor actor, SessionId session, SceneId scene, IdempotencyKey key) {
        scenes.require(actor, session, scene);
        commands.send(new DeleteSceneCommand(scene, session, actor), key);
        return scenes.require(actor, session, scene);
    }

    /** Whether the class was on another scene before. */
    boolean switchTo(Actor actor, SessionId session, SceneId scene, IdempotencyKey key) {
        SceneLookup.SceneView view = scenes.require(actor, session, scene);
        if (view.deleted()) {
            throw new RequestRejectedException(ErrorCode.SCENE_NOT_FOUND, "Scene " + scene + " was deleted");
        }
        return Boolean.TRUE.equals(
                commands.send(new SwitchSceneCommand(session, actor, scene, view.name(), view.layout()), key));
    }
}
