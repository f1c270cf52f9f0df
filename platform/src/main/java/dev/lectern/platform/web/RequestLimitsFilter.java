package dev.lectern.platform.web;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A request whose URI or headers exceed {@link RequestLimits} is a problem+json 414 or 431, before
 * security or any controller sees it. Runs right after the request id is given, so the problem carries it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@EnableConfigurationProperties(RequestLimits.class)
class RequestLimitsFilter implements WebFilter {

    private final long maxUri;
    private final long maxHeaders;

    RequestLimitsFilter(RequestLimits limits) {
        this.maxUri = limits.maxUriLength().toBytes();
        this.maxHeaders = limits.maxHeaderSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawPath = request.getURI().getRawPath();
        String rawQuery = request.getURI().getRawQuery();
        long uri = (rawPath == null ? 0 : rawPath.length()) + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (uri > maxUri) {
            return Mono.error(new RequestRejectedException(
                    ErrorCode.URI_TOO_LONG,
                    "The request URI has " + uri + " characters; at most " + maxUri + " are accepted"));
        }
        long headers = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                headers += header.getKey().length() + value.length() + 4; // "name: value\r\n"
            }
        }
        if (headers > maxHeaders) {
            return Mono.error(new RequestRejectedException(
                    ErrorCode.HEADERS_TOO_LARGE,
                    "The request headers have " + headers + " bytes; at most " + maxHeaders + " are accepted"));
        }
        return chain.filter(exchange);
    }
}
