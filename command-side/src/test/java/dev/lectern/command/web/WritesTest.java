package dev.lectern.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order of checks on the one write path (docs/adr/0020-thin-controllers-one-write-path.md). */
class WritesTest {

    private final IdempotentWrites idempotentWrites = mock(IdempotentWrites.class);
    private final Writes writes = new Writes(idempotentWrites);
    private final SessionWrites sessionWrites = new SessionWrites(writes);

    private static final Actor STUDENT =
            new Actor(TenantId.of("north-high"), "student-1", UserId.random(), Set.of(Role.STUDENT));
    private static final Actor TEACHER =
            new Actor(TenantId.of("north-high"), "teacher-1", UserId.random(), Set.of(Role.TEACHER));

    private static void assertCode(Throwable error, ErrorCode code) {
        assertThat(error)
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void theCapabilityIsCheckedBeforeTheKey() {
        assertThatThrownBy(() -> writes.authorize(STUDENT, Capability.MANAGE_ROLES, IdempotencyKey.sent(null)))
                .satisfies(e -> assertCode(e, ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> writes.authorize(STUDENT, Capability.MANAGE_ROLES, IdempotencyKey.sent("bad key")))
                .satisfies(e -> assertCode(e, ErrorCode.FORBIDDEN));
        verifyNoInteractions(idempotentWrites);
    }

    @Test
    void aMissingOrMalformedKeyIsRefusedOnceTheCapabilityHolds() {
        assertThatThrownBy(() -> writes.authorize(TEACHER, Capability.RUN_SESSION, IdempotencyKey.sent(null)))
                .satisfies(e -> assertCode(e, ErrorCode.IDEMPOTENCY_KEY_REQUIRED));
        assertThatThrownBy(() -> writes.authorize(TEACHER, Capability.RUN_SESSION, IdempotencyKey.sent("bad key")))
                .satisfies(e -> assertCode(e, ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void theClassIdIsParsedAfterTheKey() {
        assertThatThrownBy(() ->
                        sessionWrites.authorize(TEACHER, Capability.RUN_SESSION, IdempotencyKey.sent(null), "nope"))
                .satisfies(e -> assertCode(e, ErrorCode.IDEMPOTENCY_KEY_REQUIRED));
        assertThatThrownBy(() ->
                        sessionWrites.authorize(TEACHER, Capability.RUN_SESSION, IdempotencyKey.sent("k-1"), "nope"))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("sessionId must be a UUID"));
        verifyNoInteractions(idempotentWrites);
    }

    @Test
    void anAuthorizedWriteCarriesTheCheckedKey() {
        Writes.Write write = writes.authorize(TEACHER, Capability.RUN_SESSION, IdempotencyKey.sent("k-1"));

        assertThat(write.key().value()).isEqualTo("k-1");
        assertThat(write.actor()).isEqualTo(TEACHER);
    }
}
