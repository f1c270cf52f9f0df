package dev.lectern.query.identity;

import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.query.web.Paging;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** {@code GET /admin/users}: the tenant's users with their roles, for admins. */
@RestController
class UserDirectoryController {

    private final DatabaseClient db;

    UserDirectoryController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping(path = "/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<UserView>> users(Actor actor, @RequestParam(name = "limit", required = false) String limit) {
        AccessDeniedException.require(actor, Capability.MANAGE_USERS);
        return db.sql("""
                        SELECT u.user_id, u.subject, u.display_name, u.email,
                               coalesce(string_agg(r.role, ',' ORDER BY r.role), '') AS roles
                        FROM users u LEFT JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.user_id
                        WHERE u.tenant_id = :tenant
                        GROUP BY u.user_id, u.subject, u.display_name, u.email
                        ORDER BY u.subject LIMIT :limit""")
                 .bind("tenant", actor.tenantId().value())
                 .bind("limit", Paging.limit(limit))
                 .map((row, meta) -> new UserView(row.get("user_id", UUID.class), row.get("subject", String.class),
                         row.get("display_name", String.class), row.get("email", String.class),
                         Arrays.stream(row.get("roles", String.class).split(",")).filter(s -> !s.isEmpty()).toList()))
                 .all()
                 .collectList();
    }

    record UserView(UUID userId, String subject, String displayName, String email, List<String> roles) {
    }
}
