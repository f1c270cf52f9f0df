package dev.lectern.platform.operator;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.Writes;
import dev.lectern.events.identity.Actor;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /operator/tenants}: platform operators ({@link Operators}) create a school at run time, with its
 * first admin (docs/adr/0027). Idempotency-Key required, on the one write path; the rules are
 * {@link TenantCreation}'s.
 */
@RestController
class TenantController {

    private final Operators operators;
    private final Writes writes;
    private final TenantCreation creation;

    TenantController(Operators operators, Writes writes, TenantCreation creation) {
        this.operators = operators;
        this.writes = writes;
        this.creation = creation;
    }

    @PostMapping(
            path = "/operator/tenants",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> create(
            Actor actor, IdempotencyKey key, @Valid @RequestBody CreateTenantRequest request) {
        operators.require(actor);
        return writes.keyed(actor, key).run("POST", "/operator/tenants", request, () -> {
            TenantCreation.TenantView tenant = creation.create(actor, request);
            return new IdempotentWrites.Result(201, "/operator/tenants/" + tenant.tenantId(), tenant);
        });
    }
}
