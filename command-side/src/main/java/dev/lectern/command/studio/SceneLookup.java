package dev.lectern.command.studio;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.SessionId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A scene as its events say it is now: the {@code class_scenes} row that {@link StudioTables} writes in the unit of
 * work of each scene event (docs/adr/0021), so it is exact even a millisecond after the scene was created, and inside
 * the transaction that changed it. A scene of another class or school does not exist here.
 */
@Component
class SceneLookup {

    record SceneView(String sceneId, String sessionId, String name, String layout, boolean deleted) {}

    private final JdbcTemplate jdbc;

    SceneLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    SceneView require(Actor actor, SessionId session, SceneId scene) {
        List<SceneView> found = jdbc.query(
                """
                SELECT name, layout, deleted FROM class_scenes WHERE scene_id = ? AND tenant_id = ? AND session_id = ?""",
                (rs, n) -> new SceneView(
                        scene.toString(),
                        session.toString(),
                        rs.getString("name"),
                        rs.getString("layout"),
                        rs.getBoolean("deleted")),
                scene.value(),
                actor.tenantId().value(),
                session.value());
        if (found.isEmpty()) {
            throw new RequestRejectedException(ErrorCode.SCENE_NOT_FOUND, "This class has no scene " + scene);
        }
        return found.get(0);
    }
}
