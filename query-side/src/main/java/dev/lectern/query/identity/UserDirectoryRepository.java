package dev.lectern.query.identity;

import dev.lectern.events.identity.TenantId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Reads the tenant's {@code users} with their {@code user_roles} through R2DBC. */
@Repository
class UserDirectoryRepository {

    private final DatabaseClient db;

    UserDirectoryRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The tenant's users ordered by subject, at most {@code limit}, each with its roles in name order. */
    Flux<UserView> users(TenantId tenant, int limit) {
        return db.sql("""
                        SELECT u.user_id, u.subject, u.display_name, u.email,
                               coalesce(string_agg(r.role, ',' ORDER BY r.role), '') AS roles
                        FROM users u LEFT JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.user_id
                        WHERE u.tenant_id = :tenant
                        GROUP BY u.user_id, u.subject, u.display_name, u.email
                        ORDER BY u.subject LIMIT :limit""")
                .bind("tenant", tenant.value())
                .bind("limit", limit)
                .map((row, meta) -> new UserView(
                        row.get("user_id", UUID.class),
                        row.get("subject", String.class),
                        row.get("display_name", String.class),
                        row.get("email", String.class),
                        Arrays.stream(row.get("roles", String.class).split(","))
                                .filter(s -> !s.isEmpty())
                                .toList()))
                .all();
    }

    record UserView(UUID userId, String subject, String displayName, String email, List<String> roles) {}
}
