package dev.lectern.platform.live;

import static dev.lectern.platform.live.LiveClassSupport.awaitProjected;
import static dev.lectern.platform.live.LiveClassSupport.positions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionRescheduledEvent;
import dev.lectern.platform.LecternApplication;
import dev.lectern.platform.support.PlatformIT;
import dev.lectern.platform.support.TestInfrastructureEnvironmentPostProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.reactive.context.StandardReactiveWebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/**
 * Several nodes on one PostgreSQL and one Redis: a second (and third) complete Lectern application
 * in this JVM, on its own port. A client on one node sees what another node handled; with Redis
 * unreachable from a node, its classes go on and its clients converge through the log.
 */
class TwoNodeFanoutIT extends PlatformIT {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    Environment environment;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
    }

    @Test
    void aClientOnNodeBSeesACommandHandledOnNodeAAndTheOtherWayRound() {
        assumeTrue(!environment.getProperty("lectern.redis.url", "").isBlank(), "needs Redis (REDIS_URL)");
        LiveClassSupport nodeA = new LiveClassSupport(port, json);
        LiveClassSupport nodeB = new LiveClassSupport(startNode(Map.of()), json);
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);
        String student = token(school, Role.STUDENT);
        String session = nodeA.schedule(teacher, "Two nodes");
        nodeA.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);

        List<ServerSentEvent<String>> onB = new CopyOnWriteArrayList<>();
        List<ServerSentEvent<String>> onA = new CopyOnWriteArrayList<>();
        Disposable streamB = nodeB.stream(student, session, null).subscribe(onB::add);
        Disposable streamA = nodeA.stream(teacher, session, null).subscribe(onA::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> onA.size() == 1 && onB.size() == 1);
            long start = Long.parseLong(onB.get(0).id());
            nodeA.post(teacher, "/sessions/" + session + "/join", null);
            nodeB.post(student, "/sessions/" + session + "/join", null);
            List<Long> logged = positions(jdbc, session, start);
            assertThat(logged).hasSize(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> onA.size() == 3 && onB.size() == 3);
            assertThat(onB.subList(1, 3))
                    .extracting(e -> Long.parseLong(e.id()))
                    .containsExactlyElementsOf(logged);
            assertThat(onA.subList(1, 3))
                    .extracting(e -> Long.parseLong(e.id()))
                    .containsExactlyElementsOf(logged);

            // Node B goes away mid-class; its client resumes on node A from the last id it had.
            streamB.dispose();
            String lastOnB = onB.get(onB.size() - 1).id();
            nodes.remove(0).close();
            nodeA.post(teacher, "/sessions/" + session + "/leave", null);
            nodeA.post(student, "/sessions/" + session + "/leave", null);
            List<Long> missed = positions(jdbc, session, Long.parseLong(lastOnB));
            assertThat(missed).hasSize(2);
            List<ServerSentEvent<String>> resumed = nodeA.stream(student, session, lastOnB)
                    .take(2)
                    .collectList()
                    .block(Duration.ofSeconds(10));
            assertThat(resumed).extracting(e -> Long.parseLong(e.id())).containsExactlyElementsOf(missed);
        } finally {
            streamA.dispose();
            streamB.dispose();
        }
    }

    @Test
    void withRedisUnreachableClassesGoOnAndStreamsCatchUpFromTheLog() {
        LiveClassSupport nodeA = new LiveClassSupport(port, json);
        LiveClassSupport cut = new LiveClassSupport(
                startNode(Map.of(
                        "lectern.redis.url", "redis://127.0.0.1:1",
                        "lectern.live.heartbeat", "PT0.5S")),
                json);
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);
        String student = token(school, Role.STUDENT);
        String session = cut.schedule(teacher, "No Redis here");
        cut.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);

        List<ServerSentEvent<String>> onCut = new CopyOnWriteArrayList<>();
        Disposable stream = cut.stream(student, session, null).subscribe(onCut::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> onCut.size() == 1);
            long start = Long.parseLong(onCut.get(0).id());
            nodeA.post(teacher, "/sessions/" + session + "/join", null);
            cut.post(student, "/sessions/" + session + "/join", null);
            List<Long> logged = positions(jdbc, session, start);
            await().atMost(Duration.ofSeconds(10)).until(() -> onCut.size() == 3);
            assertThat(onCut.subList(1, 3))
                    .extracting(e -> Long.parseLong(e.id()))
                    .containsExactlyElementsOf(logged);
        } finally {
            stream.dispose();
        }
    }

    /**
     * Without Redis the PostgreSQL wake-up carries a class's events to the other node at once: the cut
     * node's heartbeat is far away (30 s), yet each event reaches its stream within a second.
     */
    @Test
    void withRedisUnreachableTheOtherNodeSeesEachEventWithinASecond() {
        LiveClassSupport nodeA = new LiveClassSupport(port, json);
        LiveClassSupport cut = new LiveClassSupport(
                startNode(Map.of(
                        "lectern.redis.url", "redis://127.0.0.1:1",
                        "lectern.live.heartbeat", "PT30S")),
                json);
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);
        String student = token(school, Role.STUDENT);
        String session = nodeA.schedule(teacher, "Woken by PostgreSQL");
        nodeA.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);

        List<ServerSentEvent<String>> onCut = new CopyOnWriteArrayList<>();
        List<ServerSentEvent<String>> onA = new CopyOnWriteArrayList<>();
        Disposable streamCut = cut.stream(student, session, null).subscribe(onCut::add);
        Disposable streamA = nodeA.stream(teacher, session, null).subscribe(onA::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> onCut.size() == 1 && onA.size() == 1);
            nodeA.post(teacher, "/sessions/" + session + "/join", null);
            await().atMost(Duration.ofSeconds(1)).until(() -> onCut.size() == 2);
            cut.post(student, "/sessions/" + session + "/join", null);
            await().atMost(Duration.ofSeconds(1)).until(() -> onCut.size() == 3 && onA.size() == 3);
            List<Long> logged =
                    positions(jdbc, session, Long.parseLong(onCut.get(0).id()));
            assertThat(onCut.subList(1, 3))
                    .extracting(e -> Long.parseLong(e.id()))
                    .containsExactlyElementsOf(logged);
            assertThat(onA.subList(1, 3))
                    .extracting(e -> Long.parseLong(e.id()))
                    .containsExactlyElementsOf(logged);
        } finally {
            streamCut.dispose();
            streamA.dispose();
        }
    }

    /**
     * Two nodes on one database hold each segment of a processing group on one node only: an event is
     * processed once, so a poisoned event and the events of its class behind it are parked once each, not
     * once per node (a letter parked twice would be applied twice on retry). With Axon's default owner name
     * (the JVM's name) both applications of this JVM held every claim and processed every event.
     */
    @Test
    void withTwoNodesUpEachSegmentIsProcessedOnOneNodeAndAPoisonedEventIsParkedOnce() {
        startNode(Map.of());
        ConfigurableApplicationContext nodeB = nodes.get(nodes.size() - 1);
        LiveClassSupport nodeA = new LiveClassSupport(port, json);
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);
        String session = nodeA.schedule(teacher, "Parked once");
        nodeA.post(teacher, "/sessions/" + session + "/start", null);
        // Through Axon directly (the HTTP edge refuses NUL): a title neither view can store.
        SessionId id = new SessionId(UUID.fromString(session));
        eventStore.publish(GenericEventMessage.asEventMessage(new SessionRescheduledEvent(
                id,
                new TenantId(school),
                "bad\u0000title",
                Instant.now().plus(Duration.ofDays(2)),
                30,
                "test",
                Instant.now())));
        long poison = jdbc.queryForObject(
                "SELECT max(global_index) FROM session_state_events WHERE session_id = ?::uuid", Long.class, session);
        nodeA.post(teacher, "/sessions/" + session + "/end", null);

        List<EventProcessingConfiguration> processing =
                List.of(this.processing, nodeB.getBean(EventProcessingConfiguration.class));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long head = jdbc.queryForObject("SELECT max(global_index) FROM session_state_events", Long.class);
            int claimed = 0;
            for (EventProcessingConfiguration node : processing) {
                var status = node.eventProcessor("live-state", StreamingEventProcessor.class)
                        .orElseThrow()
                        .processingStatus();
                claimed += status.size();
                status.values()
                        .forEach(s ->
                                assertThat(s.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head));
            }
            long events = jdbc.queryForObject(
                    "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid " + "AND global_index >= ?",
                    Long.class,
                    session,
                    poison);
            long letters = jdbc.queryForObject(
                    "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'live-state' "
                            + "AND sequence_identifier = ?",
                    Long.class,
                    school + ":" + session);
            int segments = claimed;
            assertSoftly(soft -> {
                soft.assertThat(letters).as("letters parked in live-state").isEqualTo(events);
                soft.assertThat(segments)
                        .as("live-state segments claimed across both nodes")
                        .isEqualTo(1);
            });
        });
    }

    /** Starts another complete node on the same database (and Redis, unless overridden); returns its port. */
    private int startNode(Map<String, Object> overrides) {
        StandardReactiveWebEnvironment env = new StandardReactiveWebEnvironment();
        Map<String, Object> settings = new java.util.HashMap<>(overrides);
        settings.put("server.port", "0");
        // Small pools: the test JVM already holds two application contexts on the same PostgreSQL.
        settings.put("spring.datasource.hikari.maximum-pool-size", "6");
        settings.put("spring.r2dbc.pool.max-size", "4");
        settings.put("spring.r2dbc.pool.initial-size", "1");
        env.getPropertySources()
                .addFirst(new MapPropertySource(TestInfrastructureEnvironmentPostProcessor.NODE_OVERRIDES, settings));
        ConfigurableApplicationContext node = new SpringApplicationBuilder(LecternApplication.class)
                .environment(env)
                .profiles("local")
                .run();
        nodes.add(node);
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
