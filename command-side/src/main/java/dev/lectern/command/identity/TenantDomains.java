package dev.lectern.command.identity;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code tenant_domains} table: which e-mail domains sign in to which school. */
@Component
class TenantDomains {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    TenantDomains(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void add(Actor actor, String domain) {
        try {
            jdbc.update(
                    "INSERT INTO tenant_domains (domain, tenant_id, created_at) VALUES (?, ?, ?)",
                    domain,
                    actor.tenantId().value(),
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            // Whether another school owns it is not this tenant's business: the same answer either way.
            throw new RequestRejectedException(ErrorCode.ALREADY_EXISTS, "This domain is already registered");
        }
    }

    /** Whether the actor's school had the domain. */
    boolean remove(Actor actor, String domain) {
        return jdbc.update(
                        "DELETE FROM tenant_domains WHERE domain = ? AND tenant_id = ?",
                        domain,
                        actor.tenantId().value())
                > 0;
    }
}
