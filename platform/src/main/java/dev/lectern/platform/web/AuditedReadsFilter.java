package dev.lectern.platform.web;

import dev.lectern.command.identity.AuditTrail;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.identity.Actor;
import org.slf4j.MDC;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Auditors' reads are audited too (who read which part of the log, when): for every successful GET
 * under {@code /audit}, and of a class's raw log ({@code /sessions/{id}/events}, docs/adr/0015), an
 * {@code audit.read} row is written before the response is committed, so no answer leaves without its
 * record (if the record cannot be written, the read fails).
 */
@Component
public class AuditedReadsFilter implements WebFilter {

    private static final java.util.regex.Pattern SESSION_LOG =
            java.util.regex.Pattern.compile("^/sessions/[^/]+/events$");

    private final AuditTrail audit;

    AuditedReadsFilter(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (exchange.getRequest().getMethod() == HttpMethod.GET && audited(path)) {
            exchange.getResponse().beforeCommit(() -> {
                Actor actor = ExchangeActor.of(exchange);
                var status = exchange.getResponse().getStatusCode();
                if (actor == null || (status != null && !status.is2xxSuccessful())) {
                    return Mono.empty();
                }
                String query =
                        LoggedQueries.masked(exchange.getRequest().getURI().getRawQuery());
                String requestId = RequestIdFilter.of(exchange);
                return Mono.fromRunnable(() -> {
                            MDC.put(CommandDispatcher.REQUEST_ID, requestId);
                            try {
                                audit.record(
                                        actor,
                                        "audit.read",
                                        AuditTrail.DONE,
                                        "endpoint",
                                        "GET " + path + (query == null ? "" : "?" + query),
                                        null);
                            } finally {
                                MDC.remove(CommandDispatcher.REQUEST_ID);
                            }
                        })
                        .subscribeOn(Schedulers.boundedElastic())
                        .then();
            });
        }
        return chain.filter(exchange);
    }

    private static boolean audited(String path) {
        return path.equals("/audit")
                || path.startsWith("/audit/")
                || SESSION_LOG.matcher(path).matches();
    }
}
