package dev.lectern.platform.support;

import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.LecternApplication;
import dev.lectern.platform.security.DevIssuer;
import dev.lectern.platform.security.TenantDirectory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the whole application on a random port, against real PostgreSQL,
 * real s3proxy and (when configured) real Redis. All subclasses share one application context.
 */
/** Metrics export stays on (Spring Boot turns it off in tests by default): operators' metrics are part of the product. */
@AutoConfigureObservability
@ActiveProfiles("local")
@SpringBootTest(classes = LecternApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PlatformIT {

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected DevIssuer issuer;

    @Autowired
    protected TenantDirectory directory;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "it-hang-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> watchdog;

    /** A test stuck for 20 s prints every thread's stack, so that a hang in CI can be diagnosed from its log. */
    @BeforeEach
    void armWatchdog(TestInfo test) {
        watchdog = WATCHDOG.schedule(
                () -> {
                    StringBuilder dump = new StringBuilder(
                            "[it-hang-watchdog] " + test.getDisplayName() + " still running after 20 s\n");
                    Thread.getAllStackTraces().forEach((thread, stack) -> {
                        dump.append('"')
                                .append(thread.getName())
                                .append("\" ")
                                .append(thread.getState())
                                .append('\n');
                        for (StackTraceElement frame : stack) {
                            dump.append("    at ").append(frame).append('\n');
                        }
                    });
                    System.err.println(dump);
                },
                20,
                TimeUnit.SECONDS);
    }

    @AfterEach
    void disarmWatchdog() {
        watchdog.cancel(false);
    }

    protected WebTestClient client() {
        return web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * A school of its own per test, so that tests never see each other's rows: one user per role,
     * subject {@code <role>@<tenant>}, and {@code nobody@<tenant>} without a role.
     */
    protected String newTenant() {
        TenantId tenant = new TenantId("t-" + UUID.randomUUID().toString().substring(0, 8));
        directory.ensureTenant(tenant, "Test school " + tenant);
        for (Role role : Role.values()) {
            directory.ensureUserWithRole(tenant, role.value() + "@" + tenant, role.value(), role, "test");
        }
        directory.ensureUserWithRole(tenant, "nobody@" + tenant, "nobody", null, "test");
        return tenant.value();
    }

    /** A valid token of the development issuer for {@code <role>@<tenant>}. */
    protected String token(String tenant, Role role) {
        return issuer.mint(new TenantId(tenant), role.value() + "@" + tenant, Duration.ofMinutes(30));
    }

    /** "Bearer ..." for the tenant's teacher: the default caller of the session tests. */
    protected String bearer(String tenant) {
        return "Bearer " + token(tenant, Role.TEACHER);
    }

    protected static String newKey() {
        return UUID.randomUUID().toString();
    }

    protected static String scheduleBody(String title) {
        Instant startsAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return "{\"title\":\"" + title + "\",\"startsAt\":\"" + startsAt
                + "\",\"durationMinutes\":45,\"recordingEnabled\":true}";
    }

    /** POST /sessions as the tenant's teacher (no token at all when {@code tenant} is null). */
    protected WebTestClient.ResponseSpec postSession(String tenant, String key, String body) {
        WebTestClient.RequestBodySpec request =
                client().post().uri("/sessions").contentType(MediaType.APPLICATION_JSON);
        if (tenant != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, bearer(tenant));
        }
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.bodyValue(body).exchange();
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM session_state_events", Long.class);
    }

    protected long eventCount(UUID sessionId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM session_state_events WHERE session_id = ?", Long.class, sessionId);
    }
}
