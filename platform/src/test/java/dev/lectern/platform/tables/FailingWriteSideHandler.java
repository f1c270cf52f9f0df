package dev.lectern.platform.tables;

import dev.lectern.command.tables.WriteSideTables;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A test-only handler in the command side's subscribing group: it writes a row, then fails on chat messages starting
 * with {@value #FAIL} while {@link #failing} is set. Proves that such a failure rolls the command back with the row.
 */
@Component
@ProcessingGroup(WriteSideTables.PROCESSING_GROUP)
class FailingWriteSideHandler {

    static final String FAIL = "write-side-fail";

    static volatile boolean failing = true;

    private final JdbcTemplate jdbc;

    FailingWriteSideHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ChatMessagePostedEvent event) {
        if (event.text().startsWith(FAIL)) {
            // A write of this unit of work that must not survive the failure below.
            jdbc.update(
                    "INSERT INTO class_courses (tenant_id, session_id, course_id) VALUES (?, ?, NULL) "
                            + "ON CONFLICT DO NOTHING",
                    event.tenantId().value(),
                    event.messageId().value());
            if (failing) {
                throw new IllegalStateException("injected failure of a write-side table");
            }
        }
    }
}
