package dev.lectern.platform.web;

import dev.lectern.command.web.CommandDispatcher;
import io.micrometer.context.ContextRegistry;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, else a new one.
 * Echoed in the response, put in problem documents, in the logs (MDC, via Reactor context
 * propagation) and in the metadata of every event the request causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    static {
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        CommandDispatcher.REQUEST_ID,
                        () -> MDC.get(CommandDispatcher.REQUEST_ID),
                        value -> MDC.put(CommandDispatcher.REQUEST_ID, value),
                        () -> MDC.remove(CommandDispatcher.REQUEST_ID));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = incoming != null && SANE.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        return chain.filter(exchange).contextWrite(context -> context.put(CommandDispatcher.REQUEST_ID, requestId));
    }

    public static String of(ServerWebExchange exchange) {
        Object value = exchange.getAttribute(ATTRIBUTE);
        return value == null ? null : value.toString();
    }
}
