package dev.lectern.command.identity;

import dev.lectern.command.web.TextParameters;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import jakarta.validation.Valid;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * Admin endpoints of a school (seed 002 step 5): users, role grants and revocations, tenant domains.
 * Always within the admin's own tenant (from the token). Every change and its audit row commit in
 * one transaction; every write takes an Idempotency-Key like any other.
 */
@RestController
class TenantAdministrationController {

    private static final int MAX_REASON = 500;

    private final IdempotentWrites writes;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final UserDirectory users;

    TenantAdministrationController(IdempotentWrites writes, JdbcTemplate jdbc, AuditTrail audit, Clock clock,
                                   UserDirectory users) {
        this.users = users;
        this.writes = writes;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping(path = "/admin/users", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> createUser(Actor actor,
                                            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                            @Valid @RequestBody CreateUserRequest request) {
        AccessDeniedException.require(actor, Capability.MANAGE_USERS);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        return writes.execute(actor, idempotencyKey, "POST", "/admin/users", request, () -> {
            UserId userId = UserId.random();
            try {
                jdbc.update("""
                                INSERT INTO users (tenant_id, user_id, subject, display_name, email, created_at)
                                VALUES (?, ?, ?, ?, ?, ?)""",
                        actor.tenantId().value(), userId.value(), request.subject(), request.displayName().strip(),
                        request.email(), Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException e) {
                throw new RequestRejectedException(ErrorCode.ALREADY_EXISTS,
                        "A user with this subject already exists in this tenant");
            }
            audit.record(actor, "user.created", AuditTrail.DONE, "user", userId.toString(), null);
            String self = "/admin/users/" + userId;
            return new IdempotentWrites.Result(201, self,
                    new UserView(userId.toString(), request.subject(), request.displayName().strip(), request.email(), List.of()));
        }).map(RecordedResponse::toResponseEntity);
    }

    @PutMapping(path = "/admin/users/{userId}/roles/{role}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> grantRole(Actor actor,
                                           @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                           @PathVariable String userId, @PathVariable String role,
                                           @RequestParam(name = "reason", required = false) String reason) {
        AccessDeniedException.require(actor, Capability.MANAGE_ROLES);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        UserId user = UserDirectory.parse(userId);
        Role granted = parseRole(role);
        String why = TextParameters.optional("reason", reason, MAX_REASON, true);
        String path = "/admin/users/" + user + "/roles/" + granted.value();
        return writes.execute(actor, idempotencyKey, "PUT", path, why, () -> {
            users.requireUser(actor, user);
            int inserted = jdbc.update("""
                            INSERT INTO user_roles (tenant_id, user_id, role, granted_at, granted_by)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    actor.tenantId().value(), user.value(), granted.value(), Timestamp.from(clock.instant()),
                    actor.subject());
            if (inserted == 1) {
                audit.record(actor, "role.granted", AuditTrail.DONE, "user", user + "/" + granted.value(), why);
            }
            return new IdempotentWrites.Result(200, null, new RoleChangeView(user.toString(), granted.value(),
                    inserted == 1, roles(actor, user)));
        }).map(RecordedResponse::toResponseEntity);
    }

    @DeleteMapping(path = "/admin/users/{userId}/roles/{role}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> revokeRole(Actor actor,
                                            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                            @PathVariable String userId, @PathVariable String role,
                                            @RequestParam(name = "reason", required = false) String reason) {
        AccessDeniedException.require(actor, Capability.MANAGE_ROLES);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        UserId user = UserDirectory.parse(userId);
        Role revoked = parseRole(role);
        String why = TextParameters.optional("reason", reason, MAX_REASON, true);
        String path = "/admin/users/" + user + "/roles/" + revoked.value();
        return writes.execute(actor, idempotencyKey, "DELETE", path, why, () -> {
            users.requireUser(actor, user);
            if (revoked == Role.ADMIN) {
                // Lock the tenant's admin rows so that two admins cannot remove each other at once.
                List<Object> admins = jdbc.queryForList("""
                        SELECT user_id FROM user_roles WHERE tenant_id = ? AND role = 'admin' FOR UPDATE""",
                        Object.class, actor.tenantId().value());
                if (admins.size() == 1 && admins.get(0).equals(user.value())) {
                    throw new RequestRejectedException(ErrorCode.LAST_ADMIN,
                            "This is the tenant's last admin; grant admin to someone else first");
                }
            }
            int deleted = jdbc.update("DELETE FROM user_roles WHERE tenant_id = ? AND user_id = ? AND role = ?",
                    actor.tenantId().value(), user.value(), revoked.value());
            if (deleted == 1) {
                audit.record(actor, "role.revoked", AuditTrail.DONE, "user", user + "/" + revoked.value(), why);
            }
            return new IdempotentWrites.Result(200, null, new RoleChangeView(user.toString(), revoked.value(),
                    deleted == 1, roles(actor, user)));
        }).map(RecordedResponse::toResponseEntity);
    }

    @PostMapping(path = "/admin/tenant-domains", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> addDomain(Actor actor,
                                           @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                           @Valid @RequestBody TenantDomainRequest request) {
        AccessDeniedException.require(actor, Capability.MANAGE_TENANT_DOMAINS);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        return writes.execute(actor, idempotencyKey, "POST", "/admin/tenant-domains", request, () -> {
            try {
                jdbc.update("INSERT INTO tenant_domains (domain, tenant_id, created_at) VALUES (?, ?, ?)",
                        request.domain(), actor.tenantId().value(), Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException e) {
                // Whether another school owns it is not this tenant's business: the same answer either way.
                throw new RequestRejectedException(ErrorCode.ALREADY_EXISTS, "This domain is already registered");
            }
            audit.record(actor, "tenant_domain.added", AuditTrail.DONE, "tenant_domain", request.domain(), null);
            return new IdempotentWrites.Result(201, "/admin/tenant-domains/" + request.domain(),
                    new DomainView(request.domain(), actor.tenantId().value()));
        }).map(RecordedResponse::toResponseEntity);
    }

    @DeleteMapping(path = "/admin/tenant-domains/{domain}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> removeDomain(Actor actor,
                                              @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                              @PathVariable String domain) {
        AccessDeniedException.require(actor, Capability.MANAGE_TENANT_DOMAINS);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        String name = domain.toLowerCase();
        return writes.execute(actor, idempotencyKey, "DELETE", "/admin/tenant-domains/" + name, null, () -> {
            int deleted = jdbc.update("DELETE FROM tenant_domains WHERE domain = ? AND tenant_id = ?", name,
                    actor.tenantId().value());
            if (deleted == 0) {
                throw new RequestRejectedException(ErrorCode.NOT_FOUND, "No such domain in this tenant");
            }
            audit.record(actor, "tenant_domain.removed", AuditTrail.DONE, "tenant_domain", name, null);
            return new IdempotentWrites.Result(200, null, new DomainView(name, actor.tenantId().value()));
        }).map(RecordedResponse::toResponseEntity);
    }


    private List<String> roles(Actor actor, UserId user) {
        return jdbc.queryForList("SELECT role FROM user_roles WHERE tenant_id = ? AND user_id = ? ORDER BY role",
                String.class, actor.tenantId().value(), user.value());
    }


    private static Role parseRole(String text) {
        return Role.parse(text).orElseThrow(() -> new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                "role must be one of admin, teacher, assistant, student, public_viewer, auditor"));
    }

    record UserView(String userId, String subject, String displayName, String email, List<String> roles) {
    }

    /** {@code changed} is false when the user already had (or already lacked) the role: said, not silent. */
    record RoleChangeView(String userId, String role, boolean changed, List<String> roles) {
    }

    record DomainView(String domain, String tenantId) {
    }
}
