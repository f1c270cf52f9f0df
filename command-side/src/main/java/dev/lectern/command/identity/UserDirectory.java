package dev.lectern.command.identity;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The users of the actor's school, as write endpoints need them: parse an id, make sure it exists there. */
@Component
public class UserDirectory {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    UserDirectory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public static UserId parse(String text) {
        return UserId.parse(text)
                .orElseThrow(() -> new RequestRejectedException(ErrorCode.VALIDATION_FAILED, "userId must be a UUID"));
    }

    /** 404 unless the user belongs to the actor's school: another school's users do not exist here. */
    public void requireUser(Actor actor, UserId user) {
        Integer found = jdbc.queryForObject(
                "SELECT count(*) FROM users WHERE tenant_id = ? AND user_id = ?",
                Integer.class,
                actor.tenantId().value(),
                user.value());
        if (found == null || found == 0) {
            throw new RequestRejectedException(ErrorCode.USER_NOT_FOUND, "No user " + user + " in this tenant");
        }
    }

    /** A new user of the actor's school; a subject already there is {@code ALREADY_EXISTS}. */
    void create(Actor actor, UserId userId, String subject, String displayName, String email) {
        try {
            jdbc.update(
                    """
                            INSERT INTO users (tenant_id, user_id, subject, display_name, email, created_at)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    actor.tenantId().value(),
                    userId.value(),
                    subject,
                    displayName,
                    email,
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new RequestRejectedException(
                    ErrorCode.ALREADY_EXISTS, "A user with this subject already exists in this tenant");
        }
    }
}
