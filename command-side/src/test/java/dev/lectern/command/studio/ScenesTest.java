package dev.lectern.command.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.studio.SwitchSceneCommand;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenesTest {

    private final CommandDispatcher commands = mock(CommandDispatcher.class);
    private final SceneLookup lookup = mock(SceneLookup.class);
    private final Scenes scenes = new Scenes(commands, lookup);

    private final Actor teacher =
            new Actor(TenantId.of("north-high"), "teacher-1", UserId.random(), Set.of(Role.TEACHER));
    private final SessionId session = SessionId.random();
    private final SceneId scene = SceneId.random();
    private final IdempotencyKey key = IdempotencyKey.require("k-1");

    @Test
    void cannotSwitchToADeletedScene() {
        when(lookup.require(teacher, session, scene))
                .thenReturn(new SceneLookup.SceneView(scene.toString(), session.toString(), "Board", "board", true));

        assertThatThrownBy(() -> scenes.switchTo(teacher, session, scene, key))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SCENE_NOT_FOUND));
        verifyNoInteractions(commands);
    }

    @Test
    void switchingSendsTheSceneAsItIsNow() {
        when(lookup.require(teacher, session, scene))
                .thenReturn(new SceneLookup.SceneView(scene.toString(), session.toString(), "Board", "board", false));
        SwitchSceneCommand expected = new SwitchSceneCommand(session, teacher, scene, "Board", "board");
        when(commands.send(expected, key)).thenReturn(Boolean.TRUE);

        assertThat(scenes.switchTo(teacher, session, scene, key)).isTrue();
    }
}
