package dev.lectern.platform.operator;

import dev.lectern.query.replay.ProjectionRebuilds;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rebuild as a command: {@code java -jar lectern.jar --lectern.rebuild=live-state[,sessions]}
 * starts Lectern against the configured database, replays each named read model from
 * session_state_events, prints how long it took and how fast it went, and exits (status 0 when every
 * group reached the head of the log, 1 otherwise). Meant for a maintenance window or a single node;
 * with other nodes running, use {@code POST /operator/projections/{group}/rebuild} instead.
 */
@Component
class RebuildCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildCommand.class);

    private final String groups;
    private final ProjectionRebuilds rebuilds;
    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext context;

    RebuildCommand(
            @Value("${lectern.rebuild:}") String groups,
            ProjectionRebuilds rebuilds,
            JdbcTemplate jdbc,
            ConfigurableApplicationContext context) {
        this.groups = groups;
        this.rebuilds = rebuilds;
        this.jdbc = jdbc;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (groups.isBlank()) {
            return;
        }
        List<String> names = Arrays.stream(groups.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        boolean ok = true;
        for (String group : names) {
            ok &= rebuild(group);
        }
        int status = ok ? 0 : 1;
        System.exit(SpringApplication.exit(context, () -> status));
    }

    private boolean rebuild(String group) throws InterruptedException {
        if (!rebuilds.groups().contains(group)) {
            log.error("rebuild: no rebuildable processing group {} (known: {})", group, rebuilds.groups());
            return false;
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM session_state_events", Long.class);
        long head = rebuilds.head();
        long started = System.nanoTime();
        rebuilds.rebuild(group);
        while (rebuilds.position(group) < head) {
            Thread.sleep(50);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        double rate = events / Math.max(0.001, took.toNanos() / 1e9);
        String summary = String.format(
                "rebuild %s: %d events up to position %d in %.2f s (%.0f events/s)",
                group, events, head, took.toNanos() / 1e9, rate);
        log.info(summary);
        System.out.println(summary);
        return true;
    }
}
