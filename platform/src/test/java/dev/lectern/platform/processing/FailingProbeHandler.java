package dev.lectern.platform.processing;

import dev.lectern.events.interaction.ChatMessagePostedEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A test-only event handler in a processing group of its own that nobody configured: it fails on chat
 * messages starting with {@value #FAIL} (or, {@value #FAIL_IN_SQL}, in a statement PostgreSQL refuses) while
 * {@link #failing} is set, and records the others per class.
 * Proves that any new processing group gets the dead-letter queue, sequenced per class, without code.
 */
@Component
@ProcessingGroup(FailingProbeHandler.GROUP)
class FailingProbeHandler {

    static final String GROUP = "test-failing-probe";
    static final String FAIL = "probe-fail";
    /** Makes the handler run a statement PostgreSQL refuses (which aborts the transaction it runs in). */
    static final String FAIL_IN_SQL = "probe-sql";

    static volatile boolean failing = true;
    static final Map<UUID, List<String>> handled = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;

    FailingProbeHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ChatMessagePostedEvent event) {
        if (failing && event.text().startsWith(FAIL)) {
            throw new IllegalStateException("injected failure for a test");
        }
        if (failing && event.text().startsWith(FAIL_IN_SQL)) {
            jdbc.queryForObject("SELECT ('{\"a\":\"\\u0000\"}'::jsonb ->> 'a')", String.class);
        }
        handled.computeIfAbsent(event.sessionId().value(), k -> new CopyOnWriteArrayList<>())
                .add(event.text());
    }
}
