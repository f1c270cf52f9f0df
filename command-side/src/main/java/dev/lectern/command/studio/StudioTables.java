package dev.lectern.command.studio;

import dev.lectern.command.tables.WriteSideTables;
import dev.lectern.events.scene.SceneCreatedEvent;
import dev.lectern.events.scene.SceneDeletedEvent;
import dev.lectern.events.scene.SceneUpdatedEvent;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionPermissionRevokedEvent;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The studio's command-side rows, written in the unit of work of each event (docs/adr/0021): who presents in a class
 * now ({@code class_presenters}, read by {@link Presenters}) and each class's scenes ({@code class_scenes}, read by
 * {@link SceneLookup}). Idempotent upserts.
 */
@Component
@ProcessingGroup(WriteSideTables.PROCESSING_GROUP)
class StudioTables {

    private static final String PRESENTER = """
            INSERT INTO class_presenters (tenant_id, session_id, user_id, presenting, decided_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, session_id, user_id)
            DO UPDATE SET presenting = EXCLUDED.presenting, decided_at = EXCLUDED.decided_at""";

    private final JdbcTemplate jdbc;

    StudioTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionPermissionGrantedEvent event, @Timestamp Instant at) {
        if (event.permission() == SessionPermission.PRESENT) {
            presenter(
                    event.tenantId().value(),
                    event.sessionId().value(),
                    event.userId().value(),
                    true,
                    at);
        }
    }

    @EventHandler
    void on(SessionPermissionRevokedEvent event, @Timestamp Instant at) {
        if (event.permission() == SessionPermission.PRESENT) {
            presenter(
                    event.tenantId().value(),
                    event.sessionId().value(),
                    event.userId().value(),
                    false,
                    at);
        }
    }

    /** A person removed from the class presents no more, whatever they were granted. */
    @EventHandler
    void on(ParticipantRevokedEvent event, @Timestamp Instant at) {
        presenter(
                event.tenantId().value(),
                event.sessionId().value(),
                event.userId().value(),
                false,
                at);
    }

    @EventHandler
    void on(SceneCreatedEvent event) {
        jdbc.update(
                """
                INSERT INTO class_scenes (scene_id, tenant_id, session_id, name, layout, deleted) VALUES (?, ?, ?, ?, ?, false)
                ON CONFLICT (scene_id) DO NOTHING""",
                event.sceneId().value(),
                event.tenantId().value(),
                event.sessionId().value(),
                event.name(),
                event.layout());
    }

    @EventHandler
    void on(SceneUpdatedEvent event) {
        jdbc.update(
                "UPDATE class_scenes SET name = ?, layout = ? WHERE scene_id = ?",
                event.name(),
                event.layout(),
                event.sceneId().value());
    }

    @EventHandler
    void on(SceneDeletedEvent event) {
        jdbc.update(
                "UPDATE class_scenes SET deleted = true WHERE scene_id = ?",
                event.sceneId().value());
    }

    private void presenter(String tenant, UUID session, UUID user, boolean presenting, Instant at) {
        jdbc.update(PRESENTER, tenant, session, user, presenting, java.sql.Timestamp.from(at));
    }
}
