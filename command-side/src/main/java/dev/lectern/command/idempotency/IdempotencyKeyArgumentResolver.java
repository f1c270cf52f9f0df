package dev.lectern.command.idempotency;

import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a write endpoint declare an {@link IdempotencyKey} parameter instead of reading the header itself.
 * It never fails: it hands over the header as sent, and the write path checks it after the capability
 * (docs/adr/0020-thin-controllers-one-write-path.md). Several header lines read as one value joined
 * with commas, as {@code @RequestHeader String} read them.
 */
public final class IdempotencyKeyArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IdempotencyKey.class;
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        List<String> values = exchange.getRequest().getHeaders().get(IdempotencyKey.HEADER);
        String header = values == null || values.isEmpty()
                ? null
                : values.size() == 1 ? values.get(0) : String.join(",", values);
        return Mono.just(IdempotencyKey.sent(header));
    }
}
