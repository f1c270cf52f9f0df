package dev.lectern.platform.live;

import static dev.lectern.platform.live.LiveClassSupport.awaitProjected;
import static dev.lectern.platform.live.LiveClassSupport.positions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.support.PlatformIT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/** Live state, the SSE stream, resume from the log, isolation and time travel, over real HTTP. */
class LiveStreamIT extends PlatformIT {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private LiveClassSupport live;
    private String school;
    private String teacher;
    private String student;
    private String studentId;

    @BeforeEach
    void aSchool() {
        live = new LiveClassSupport(port, json);
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        student = token(school, Role.STUDENT);
        studentId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
    }

    @Test
    void aStreamStartsWithTheStateThenEveryChangeWithItsLogPosition() {
        String session = live.schedule(teacher, "Optics");
        live.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        Disposable subscription = live.stream(student, session, null).subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            ServerSentEvent<String> first = received.get(0);
            assertThat(first.event()).isEqualTo("state");
            JsonNode state = live.read(first.data());
            assertThat(state.get("status").asText()).isEqualTo("live");
            assertThat(first.id()).isEqualTo(Long.toString(state.get("position").asLong()));

            live.post(student, "/sessions/" + session + "/join", null);
            live.post(
                    teacher,
                    "/sessions/" + session + "/permissions",
                    Map.of("userId", studentId, "permission", "present", "action", "grant"));

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
            List<Long> logged = positions(jdbc, session, Long.parseLong(first.id()));
            assertThat(received.subList(1, received.size()))
                    .extracting(e -> Long.parseLong(e.id()))
                    .containsExactlyElementsOf(logged);
            assertThat(received.subList(1, received.size()))
                    .extracting(ServerSentEvent::event)
                    .containsExactly("participant.joined", "permission.granted");
            JsonNode granted = live.read(received.get(2).data());
            assertThat(granted.get("payload").has("grantedBy"))
                    .as("who granted is staff-only")
                    .isFalse();
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void resumingWithLastEventIdAfterADisconnectGetsEveryMissedEventExactlyOnce() {
        String session = live.schedule(teacher, "Acoustics");
        live.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);
        List<ServerSentEvent<String>> before = new CopyOnWriteArrayList<>();
        Disposable first = live.stream(student, session, null).subscribe(before::add);
        live.post(teacher, "/sessions/" + session + "/join", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> before.size() >= 2);
        first.dispose();
        String lastSeen = before.get(before.size() - 1).id();

        live.post(token(school, Role.ASSISTANT), "/sessions/" + session + "/join", null);
        live.post(student, "/sessions/" + session + "/join", null);
        live.post(
                teacher,
                "/sessions/" + session + "/permissions",
                Map.of("userId", studentId, "permission", "moderate", "action", "grant"));
        live.post(student, "/sessions/" + session + "/leave", null);
        List<Long> missed = positions(jdbc, session, Long.parseLong(lastSeen));
        assertThat(missed).hasSize(4);

        List<ServerSentEvent<String>> resumed = new CopyOnWriteArrayList<>();
        Disposable second = live.stream(student, session, lastSeen).subscribe(resumed::add);
        try {
            live.post(
                    teacher,
                    "/sessions/" + session + "/permissions",
                    Map.of("userId", studentId, "permission", "moderate", "action", "revoke"));
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.size() >= 5);
            List<Long> expected = positions(jdbc, session, Long.parseLong(lastSeen));
            assertThat(resumed).extracting(e -> Long.parseLong(e.id())).containsExactlyElementsOf(expected);
            assertThat(resumed).noneMatch(e -> "state".equals(e.event()));
            assertThat(new HashSet<>(resumed.stream().map(ServerSentEvent::id).toList()))
                    .hasSize(resumed.size());
        } finally {
            second.dispose();
        }
    }

    @Test
    void anotherSchoolOrAnotherClassGetsNothing() {
        String session = live.schedule(teacher, "Mechanics");
        live.post(teacher, "/sessions/" + session + "/start", null);
        String other = live.schedule(teacher, "Thermodynamics");
        live.post(teacher, "/sessions/" + other + "/start", null);
        live.post(teacher, "/sessions/" + other + "/join", null);
        awaitProjected(jdbc, session);
        awaitProjected(jdbc, other);

        String outsider = newTenant();
        var foreign = live.get(token(outsider, Role.STUDENT), "/sessions/" + session + "/state");
        assertThat(foreign.getKey()).isEqualTo(404);
        assertThat(live.get(token(outsider, Role.ADMIN), "/sessions/" + session + "/stream")
                        .getKey())
                .isEqualTo(404);

        // Resuming class A from the very start yields class A's events only, never class B's.
        List<ServerSentEvent<String>> resumed = live.stream(student, session, "0")
                .take(Duration.ofSeconds(2))
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(resumed)
                .extracting(e -> Long.parseLong(e.id()))
                .containsExactlyElementsOf(positions(jdbc, session, 0));
    }

    @Test
    void eachViewerSeesWhatTheirClassRoleMaySee() {
        String session = live.schedule(teacher, "Genetics");
        live.post(teacher, "/sessions/" + session + "/start", null);
        live.post(teacher, "/sessions/" + session + "/join", null);
        live.post(student, "/sessions/" + session + "/join", null);
        awaitProjected(jdbc, session);

        JsonNode staffView =
                live.get(teacher, "/sessions/" + session + "/state").getValue();
        JsonNode studentView =
                live.get(student, "/sessions/" + session + "/state").getValue();
        JsonNode publicView = live.get(token(school, Role.PUBLIC_VIEWER), "/sessions/" + session + "/state")
                .getValue();

        String teacherId = staffView.get("owner").asText();
        assertThat(staffView.at("/roster/" + teacherId + "/subject").asText()).isEqualTo("teacher@" + school);
        assertThat(studentView.at("/roster/" + teacherId).has("subject")).isFalse();
        assertThat(studentView.at("/roster/" + studentId + "/subject").asText()).isEqualTo("student@" + school);
        assertThat(publicView.has("roster")).isFalse();
        assertThat(publicView.get("present").asInt()).isEqualTo(2);
        assertThat(live.get(token(school, Role.AUDITOR), "/sessions/" + session + "/state")
                        .getKey())
                .isEqualTo(403);
    }

    @Test
    void theStateAtAPastMomentIsWhatTheLiveStateWasThen() {
        String session = live.schedule(teacher, "Statistics");
        List<Map.Entry<Instant, JsonNode>> captured = new ArrayList<>();
        List<Runnable> script = List.of(
                () -> live.post(teacher, "/sessions/" + session + "/start", null),
                () -> live.post(teacher, "/sessions/" + session + "/join", null),
                () -> live.post(student, "/sessions/" + session + "/join", null),
                () -> live.post(
                        teacher,
                        "/sessions/" + session + "/permissions",
                        Map.of("userId", studentId, "permission", "present", "action", "grant")),
                () -> live.post(student, "/sessions/" + session + "/leave", null),
                () -> live.post(teacher, "/sessions/" + session + "/end", null));
        for (Runnable step : script) {
            step.run();
            awaitProjected(jdbc, session);
            Instant moment = Instant.now();
            captured.add(Map.entry(
                    moment, live.get(teacher, "/sessions/" + session + "/state").getValue()));
            // The next step's events must happen strictly after this captured moment.
            await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(moment.plusMillis(1)));
        }
        for (Map.Entry<Instant, JsonNode> moment : captured) {
            var past = live.get(teacher, "/sessions/" + session + "/state?at=" + moment.getKey());
            assertThat(past.getKey()).isEqualTo(200);
            assertThat(past.getValue()).isEqualTo(moment.getValue());
        }
        JsonNode atStart =
                live.get(teacher, "/sessions/" + session + "/state?at=PT0.001S").getValue();
        assertThat(atStart.get("status").asText()).isEqualTo("live");
        assertThat(atStart.get("roster").size()).isZero();
    }

    @Test
    void badInputIsAClearProblemAndOpensNothing() {
        String session = live.schedule(teacher, "Algebra");
        awaitProjected(jdbc, session);
        var badResume = live.get(student, "/sessions/" + session + "/stream?lastEventId=abc");
        assertThat(badResume.getKey()).isEqualTo(400);
        assertThat(badResume.getValue().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        var badMoment = live.get(student, "/sessions/" + session + "/state?at=yesterday");
        assertThat(badMoment.getKey()).isEqualTo(400);
        var notStarted = live.get(student, "/sessions/" + session + "/state?at=PT5M");
        assertThat(notStarted.getKey()).isEqualTo(409);
        live.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);
        var beyondTime = live.get(student, "/sessions/" + session + "/state?at=PT9999999999999H");
        assertThat(beyondTime.getKey()).isEqualTo(400);
        assertThat(beyondTime.getValue().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(live.get(student, "/sessions/not-a-uuid/state").getKey()).isEqualTo(400);
        assertThat(live.get(student, "/sessions/" + java.util.UUID.randomUUID() + "/stream")
                        .getKey())
                .isEqualTo(404);
    }

    @Test
    void streamsPerPersonAreCapped() {
        String session = live.schedule(teacher, "Chemistry");
        awaitProjected(jdbc, session);
        List<Disposable> open = new ArrayList<>();
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(live.stream(student, session, null).subscribe(received::add));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 5);
            var refused = live.get(student, "/sessions/" + session + "/stream");
            assertThat(refused.getKey()).isEqualTo(429);
            open.remove(0).dispose();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                List<ServerSentEvent<String>> one = live.stream(student, session, null)
                        .take(1)
                        .onErrorResume(e -> reactor.core.publisher.Flux.empty())
                        .collectList()
                        .block(Duration.ofSeconds(5));
                return one != null && one.size() == 1;
            });
        } finally {
            open.forEach(Disposable::dispose);
        }
    }

    @Test
    void aRemovedStudentsStreamEndsAndStaysClosed() {
        String session = live.schedule(teacher, "History");
        live.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        boolean[] completed = {false};
        Disposable subscription =
                live.stream(student, session, null).subscribe(received::add, e -> {}, () -> completed[0] = true);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            live.post(
                    teacher,
                    "/sessions/" + session + "/revocations",
                    Map.of("userId", studentId, "reason", "Disruptive"));
            await().atMost(Duration.ofSeconds(10)).until(() -> completed[0]);
            assertThat(received.get(received.size() - 1).event()).isEqualTo("participant.revoked");
            assertThat(live.read(received.get(received.size() - 1).data())
                            .get("payload")
                            .has("reason"))
                    .isFalse();
            awaitProjected(jdbc, session);
            assertThat(live.get(student, "/sessions/" + session + "/stream").getKey())
                    .isEqualTo(403);
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpiresAndSaysWhereToResume() {
        String session = live.schedule(teacher, "Geometry");
        live.post(teacher, "/sessions/" + session + "/start", null);
        awaitProjected(jdbc, session);
        String shortLived = issuer.mint(new TenantId(school), "student@" + school, Duration.ofSeconds(4));
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        boolean[] completed = {false};
        Disposable subscription =
                live.stream(shortLived, session, null).subscribe(received::add, e -> {}, () -> completed[0] = true);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            live.post(teacher, "/sessions/" + session + "/join", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
            String lastDelivered = received.get(1).id();

            await().atMost(Duration.ofSeconds(15)).until(() -> completed[0]);
            ServerSentEvent<String> last = received.get(received.size() - 1);
            assertThat(last.event()).isEqualTo("reauthenticate");
            assertThat(last.id())
                    .as("the resume position is the last event's id, not a new one")
                    .isNull();
            JsonNode reason = live.read(last.data());
            assertThat(reason.get("reason").asText()).isEqualTo("token_expired");
            assertThat(reason.get("lastEventId").asText()).isEqualTo(lastDelivered);
            assertThat(received.stream()
                            .filter(e -> e.id() != null)
                            .reduce((a, b) -> b)
                            .orElseThrow()
                            .id())
                    .isEqualTo(lastDelivered);
        } finally {
            subscription.dispose();
        }
    }
}
