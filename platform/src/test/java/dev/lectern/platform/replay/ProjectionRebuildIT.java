package dev.lectern.platform.replay;

import dev.lectern.platform.support.PlatformIT;
import dev.lectern.query.replay.ProjectionRebuilds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Read models are disposable: a reset and replay of session_state_events rebuilds them row for row. */
class ProjectionRebuildIT extends PlatformIT {

    private static final String SESSIONS = "sessions";
    private static final String DUMP = "SELECT * FROM sessions ORDER BY tenant_id, session_id";

    @Autowired
    ProjectionRebuilds rebuilds;

    @Test
    void resettingTheSessionsProjectionRebuildsAnIdenticalReadModelFromTheLogAlone() {
        String tenant = newTenant();
        for (int i = 0; i < 5; i++) {
            postSession(tenant, newKey(), scheduleBody("Lesson " + i)).expectStatus().isCreated();
        }
        long head = jdbc.queryForObject("SELECT max(global_index) FROM session_state_events", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> rebuilds.position(SESSIONS) >= head);
        List<Map<String, Object>> before = jdbc.queryForList(DUMP);
        assertThat(before).filteredOn(r -> tenant.equals(r.get("tenant_id"))).hasSize(5);

        // A row no event justifies: a rebuild from the log must not keep it.
        jdbc.update("""
                INSERT INTO sessions (tenant_id, session_id, title, status, starts_at, duration_minutes, recording_enabled,
                                      scheduled_at, last_event_position)
                VALUES ('forged-tenant', ?, 'Forged', 'scheduled', now(), 1, false, now(), 0)""", UUID.randomUUID());

        assertThat(rebuilds.rebuild(SESSIONS)).isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rebuilds.position(SESSIONS)).isGreaterThanOrEqualTo(head);
            assertThat(jdbc.queryForList(DUMP)).isEqualTo(before);
        });
    }

    @Test
    void rebuildingAnUnknownProcessingGroupSaysSo() {
        assertThat(rebuilds.rebuild("no-such-projection")).isFalse();
    }
}
