package dev.lectern.platform.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.support.PlatformIT;
import dev.lectern.query.replay.ProjectionRebuilds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Read models are disposable: a reset and replay of session_state_events rebuilds them row for row. */
class ProjectionRebuildIT extends PlatformIT {

    private static final String SESSIONS = "sessions";
    private static final String LIVE = "live-state";
    private static final String DUMP = "SELECT * FROM sessions ORDER BY tenant_id, session_id";

    @Autowired
    ProjectionRebuilds rebuilds;

    @Autowired
    ObjectMapper json;

    @Test
    void resettingTheSessionsProjectionRebuildsAnIdenticalReadModelFromTheLogAlone() {
        String tenant = newTenant();
        for (int i = 0; i < 5; i++) {
            postSession(tenant, newKey(), scheduleBody("Lesson " + i))
                    .expectStatus()
                    .isCreated();
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
    void anOperatorRebuildsTheLiveStateAndItEqualsTheLiveTablesRowForRow() throws Exception {
        String tenant = newTenant();
        String teacher = "Bearer " + token(tenant, Role.TEACHER);
        List<String> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = new String(postSession(tenant, newKey(), scheduleBody("Class " + i))
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody());
            String session = json.readTree(body).get("sessionId").asText();
            sessions.add(session);
            post(teacher, "/sessions/" + session + "/start").expectStatus().isOk();
            post(teacher, "/sessions/" + session + "/join").expectStatus().isOk();
            post("Bearer " + token(tenant, Role.STUDENT), "/sessions/" + session + "/join")
                    .expectStatus()
                    .isOk();
        }
        post(teacher, "/sessions/" + sessions.get(0) + "/end").expectStatus().isOk();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM session_state_events", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> rebuilds.position(LIVE) >= head);
        String dump = "SELECT tenant_id, session_id, state::text AS state, last_event_position FROM live_state "
                + "WHERE tenant_id = ? ORDER BY session_id";
        List<Map<String, Object>> before = jdbc.queryForList(dump, tenant);
        assertThat(before).hasSize(3);
        jdbc.update(
                "UPDATE live_state SET state = '{}'::jsonb WHERE tenant_id = ? AND session_id = ?::uuid",
                tenant,
                sessions.get(1));

        directory.ensureTenant(new TenantId("ops"), "Platform operations");
        String operator = "Bearer " + issuer.mint(new TenantId("ops"), "operator@ops", Duration.ofMinutes(5));
        post("Bearer " + token(tenant, Role.ADMIN), "/operator/projections/live-state/rebuild")
                .expectStatus()
                .isForbidden();
        client().post()
                .uri("/operator/projections/live-state/rebuild")
                .header(HttpHeaders.AUTHORIZATION, operator)
                .exchange()
                .expectStatus()
                .isBadRequest();
        post(operator, "/operator/projections/no-such-group/rebuild")
                .expectStatus()
                .isNotFound();
        post(operator, "/operator/projections/live-state/rebuild")
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "/operator/projections/live-state");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rebuilds.position(LIVE)).isGreaterThanOrEqualTo(head);
            assertThat(jdbc.queryForList(dump, tenant)).isEqualTo(before);
        });
        client().get()
                .uri("/operator/projections")
                .header(HttpHeaders.AUTHORIZATION, operator)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.group == 'live-state')].caughtUp")
                .isEqualTo(true);
    }

    private WebTestClient.ResponseSpec post(String bearer, String path) {
        return client().post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .header("Idempotency-Key", newKey())
                .exchange();
    }

    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    private long parked(String group, String tenant, String session) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?",
                Long.class,
                group,
                tenant + ":" + session);
    }

    /**
     * A poisoned event in the log does not stop a rebuild: the reset clears the group's dead letters, the
     * replay parks the poisoned class again (its row stops at its last good event, as before), and every
     * other class is rebuilt row for row (docs/adr/0012-poison-isolation-dead-letters.md).
     */
    @Test
    void aRebuildWithAPoisonedEventInTheLogFinishesAndEveryOtherClassIsRebuiltRowForRow() throws Exception {
        String tenant = newTenant();
        String teacher = "Bearer " + token(tenant, Role.TEACHER);
        List<String> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = new String(postSession(tenant, newKey(), scheduleBody("Class " + i))
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody());
            String session = json.readTree(body).get("sessionId").asText();
            sessions.add(session);
            post(teacher, "/sessions/" + session + "/start").expectStatus().isOk();
            post(teacher, "/sessions/" + session + "/join").expectStatus().isOk();
        }
        String poisoned = sessions.get(1);
        dev.lectern.events.session.SessionId id = new dev.lectern.events.session.SessionId(UUID.fromString(poisoned));
        // Through Axon directly (the HTTP edge refuses NUL): a title that neither view can store.
        eventStore.publish(org.axonframework.eventhandling.GenericEventMessage.asEventMessage(
                new dev.lectern.events.session.SessionRescheduledEvent(
                        id,
                        new TenantId(tenant),
                        "bad\u0000title",
                        java.time.Instant.now().plus(java.time.Duration.ofDays(2)),
                        30,
                        "test",
                        java.time.Instant.now())));
        long poison = jdbc.queryForObject(
                "SELECT max(global_index) FROM session_state_events WHERE session_id = ?::uuid", Long.class, poisoned);
        post(teacher, "/sessions/" + poisoned + "/end").expectStatus().isOk();
        post(teacher, "/sessions/" + sessions.get(2) + "/end").expectStatus().isOk();
        // Parked: the poison and every later event of its class that the group handles.
        java.util.function.LongSupplier liveParked = () -> jdbc.queryForObject(
                "SELECT count(*) FROM session_state_events " + "WHERE session_id = ?::uuid AND global_index >= ?",
                Long.class,
                poisoned,
                poison);
        long sessionsParked = jdbc.queryForObject(
                "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                        + "AND global_index >= ? AND event_name IN ('session.scheduled', 'session.rescheduled', 'session.cancelled', "
                        + "'session.started', 'session.ended')",
                Long.class,
                poisoned,
                poison);
        assertThat(sessionsParked).isEqualTo(2);

        long head = jdbc.queryForObject("SELECT max(global_index) FROM session_state_events", Long.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(rebuilds.position(LIVE)).as("live-state position").isGreaterThanOrEqualTo(head);
            assertThat(rebuilds.position(SESSIONS)).as("sessions position").isGreaterThanOrEqualTo(head);
            assertThat(parked(LIVE, tenant, poisoned))
                    .as("parked in live-state")
                    .isEqualTo(liveParked.getAsLong());
            assertThat(parked(SESSIONS, tenant, poisoned))
                    .as("parked in sessions")
                    .isEqualTo(sessionsParked);
        });
        String liveDump = "SELECT tenant_id, session_id, state::text AS state, last_event_position FROM live_state "
                + "WHERE tenant_id = ? ORDER BY session_id";
        String sessionsDump = "SELECT * FROM sessions WHERE tenant_id = ? ORDER BY session_id";
        List<Map<String, Object>> liveBefore = jdbc.queryForList(liveDump, tenant);
        List<Map<String, Object>> sessionsBefore = jdbc.queryForList(sessionsDump, tenant);
        assertThat(liveBefore).hasSize(3);
        assertThat(sessionsBefore).hasSize(3);
        assertThat(sessionsBefore)
                .filteredOn(r -> poisoned.equals(r.get("session_id").toString()))
                .extracting(r -> r.get("status"))
                .containsExactly("live");

        assertThat(rebuilds.rebuild(LIVE)).isTrue();
        assertThat(rebuilds.rebuild(SESSIONS)).isTrue();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(rebuilds.position(LIVE)).isGreaterThanOrEqualTo(head);
            assertThat(rebuilds.position(SESSIONS)).isGreaterThanOrEqualTo(head);
            assertThat(jdbc.queryForList(liveDump, tenant)).isEqualTo(liveBefore);
            assertThat(jdbc.queryForList(sessionsDump, tenant)).isEqualTo(sessionsBefore);
            // Cleared by the reset and parked again by the replay: the same events, not twice as many.
            assertThat(parked(LIVE, tenant, poisoned)).isEqualTo(liveParked.getAsLong());
            assertThat(parked(SESSIONS, tenant, poisoned)).isEqualTo(sessionsParked);
        });
    }

    @Test
    void rebuildingAnUnknownProcessingGroupSaysSo() {
        assertThat(rebuilds.rebuild("no-such-projection")).isFalse();
    }
}
