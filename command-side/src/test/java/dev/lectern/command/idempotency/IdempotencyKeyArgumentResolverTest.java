package dev.lectern.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.BindingContext;

class IdempotencyKeyArgumentResolverTest {

    private final IdempotencyKeyArgumentResolver resolver = new IdempotencyKeyArgumentResolver();

    @SuppressWarnings("unused")
    void endpoint(IdempotencyKey key, String other) {}

    private static MethodParameter parameter(int index) throws NoSuchMethodException {
        Method method = IdempotencyKeyArgumentResolverTest.class.getDeclaredMethod(
                "endpoint", IdempotencyKey.class, String.class);
        return new MethodParameter(method, index);
    }

    private IdempotencyKey resolve(MockServerHttpRequest.BaseBuilder<?> request) throws NoSuchMethodException {
        Object resolved = resolver.resolveArgument(
                        parameter(0), new BindingContext(), MockServerWebExchange.from(request.build()))
                .block();
        assertThat(resolved).isInstanceOf(IdempotencyKey.class);
        return (IdempotencyKey) resolved;
    }

    @Test
    void resolvesOnlyIdempotencyKeyParameters() throws NoSuchMethodException {
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(1))).isFalse();
    }

    @Test
    void aGoodKeyIsHandedOverAsSent() throws NoSuchMethodException {
        IdempotencyKey key = resolve(MockServerHttpRequest.post("/sessions")
                .header(IdempotencyKey.HEADER, "3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b"));

        assertThat(key.require().value()).isEqualTo("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b");
        assertThat(key).isEqualTo(IdempotencyKey.require("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b"));
    }

    /** Resolution never fails: the write path checks the key after the capability, so a 403 stays a 403. */
    @Test
    void aMissingKeyResolvesAndIsRefusedWhenRequired() throws NoSuchMethodException {
        IdempotencyKey key = resolve(MockServerHttpRequest.post("/sessions"));

        assertThatThrownBy(key::require)
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REQUIRED));
        assertThatThrownBy(key::value)
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REQUIRED));
    }

    @Test
    void anEmptyKeyCountsAsMissing() throws NoSuchMethodException {
        IdempotencyKey key = resolve(MockServerHttpRequest.post("/sessions").header(IdempotencyKey.HEADER, ""));

        assertThatThrownBy(key::require)
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REQUIRED));
    }

    @Test
    void aMalformedKeyResolvesAndIsRefusedAsInvalidWhenRequired() throws NoSuchMethodException {
        IdempotencyKey key =
                resolve(MockServerHttpRequest.post("/sessions").header(IdempotencyKey.HEADER, "has space"));

        assertThatThrownBy(key::require)
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(key::value)
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void repeatedHeaderLinesReadAsOneCommaJoinedValueAsBefore() throws NoSuchMethodException {
        IdempotencyKey key = resolve(MockServerHttpRequest.post("/sessions").header(IdempotencyKey.HEADER, "a", "b"));

        assertThat(key.value()).isEqualTo("a,b");
    }
}
