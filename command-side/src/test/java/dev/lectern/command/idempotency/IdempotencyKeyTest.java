package dev.lectern.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void aMissingKeyIsRejectedWithItsOwnCode() {
        assertThatThrownBy(() -> IdempotencyKey.require(null))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REQUIRED));
        assertThatThrownBy(() -> IdempotencyKey.require(""))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REQUIRED));
    }

    @Test
    void keysAreVisibleAsciiUpTo255Characters() {
        assertThat(IdempotencyKey.require("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b")
                        .value())
                .hasSize(36);
        assertThat(IdempotencyKey.require("k".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> IdempotencyKey.require("k".repeat(256)))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> IdempotencyKey.require("has space")).isInstanceOf(RequestRejectedException.class);
        assertThatThrownBy(() -> IdempotencyKey.require("ünïcode")).isInstanceOf(RequestRejectedException.class);
    }
}
