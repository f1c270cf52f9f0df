package dev.lectern.command.identity;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.TextParameters;
import dev.lectern.command.web.Writes;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.UserId;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Admin endpoints of a school (seed 002 step 5): users, role grants and revocations, tenant domains. HTTP only:
 * the use cases and their rules are {@link TenantAdministration}'s; every write takes an Idempotency-Key like
 * any other and runs on the one write path ({@link Writes}).
 */
@RestController
class TenantAdministrationController {

    private static final int MAX_REASON = 500;

    private final Writes writes;
    private final TenantAdministration administration;

    TenantAdministrationController(Writes writes, TenantAdministration administration) {
        this.writes = writes;
        this.administration = administration;
    }

    @PostMapping(
            path = "/admin/users",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> createUser(
            Actor actor, IdempotencyKey key, @Valid @RequestBody CreateUserRequest request) {
        return writes.authorize(actor, Capability.MANAGE_USERS, key).run("POST", "/admin/users", request, () -> {
            TenantAdministration.UserView user = administration.createUser(actor, request);
            return new IdempotentWrites.Result(201, "/admin/users/" + user.userId(), user);
        });
    }

    @PutMapping(path = "/admin/users/{userId}/roles/{role}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> grantRole(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String userId,
            @PathVariable String role,
            @RequestParam(name = "reason", required = false) String reason) {
        Writes.Write write = writes.authorize(actor, Capability.MANAGE_ROLES, key);
        UserId user = UserDirectory.parse(userId);
        Role granted = parseRole(role);
        String why = TextParameters.optional("reason", reason, MAX_REASON, true);
        return write.run(
                "PUT",
                "/admin/users/" + user + "/roles/" + granted.value(),
                why,
                () -> new IdempotentWrites.Result(200, null, administration.grantRole(actor, user, granted, why)));
    }

    @DeleteMapping(path = "/admin/users/{userId}/roles/{role}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> revokeRole(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String userId,
            @PathVariable String role,
            @RequestParam(name = "reason", required = false) String reason) {
        Writes.Write write = writes.authorize(actor, Capability.MANAGE_ROLES, key);
        UserId user = UserDirectory.parse(userId);
        Role revoked = parseRole(role);
        String why = TextParameters.optional("reason", reason, MAX_REASON, true);
        return write.run(
                "DELETE",
                "/admin/users/" + user + "/roles/" + revoked.value(),
                why,
                () -> new IdempotentWrites.Result(200, null, administration.revokeRole(actor, user, revoked, why)));
    }

    @PostMapping(
            path = "/admin/tenant-domains",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> addDomain(
            Actor actor, IdempotencyKey key, @Valid @RequestBody TenantDomainRequest request) {
        return writes.authorize(actor, Capability.MANAGE_TENANT_DOMAINS, key)
                .run(
                        "POST",
                        "/admin/tenant-domains",
                        request,
                        () -> new IdempotentWrites.Result(
                                201,
                                "/admin/tenant-domains/" + request.domain(),
                                administration.addDomain(actor, request.domain())));
    }

    @DeleteMapping(path = "/admin/tenant-domains/{domain}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> removeDomain(Actor actor, IdempotencyKey key, @PathVariable String domain) {
        Writes.Write write = writes.authorize(actor, Capability.MANAGE_TENANT_DOMAINS, key);
        String name = domain.toLowerCase();
        return write.run(
                "DELETE",
                "/admin/tenant-domains/" + name,
                null,
                () -> new IdempotentWrites.Result(200, null, administration.removeDomain(actor, name)));
    }

    private static Role parseRole(String text) {
        return Role.parse(text)
                .orElseThrow(() -> new RequestRejectedException(
                        ErrorCode.VALIDATION_FAILED,
                        "role must be one of admin, teacher, assistant, student, public_viewer, auditor"));
    }
}
