package dev.lectern.platform.security;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.web.ProblemWebExceptionHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A stream ticket as a credential (docs/adr/0024-browser-access.md): on {@code GET /sessions/{id}/stream}
 * without an Authorization header, {@code ?ticket=} authenticates as the (tenant, subject) it was issued to,
 * for that class only, until it expires; the actor (roles) is read afresh at every connect, and the stream's
 * own class access check runs as for a token. Anywhere else {@code ticket} is an ordinary, ignored parameter.
 * A malformed, unknown, expired or other class's ticket is 401 {@code UNAUTHENTICATED}; the ticket's text is
 * never logged.
 */
@Component
class StreamTicketAuthentication {

    private static final Logger log = LoggerFactory.getLogger(StreamTicketAuthentication.class);
    static final String PARAMETER = "ticket";

    private static final ServerWebExchangeMatcher STREAM =
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/sessions/{sessionId}/stream");

    private final DatabaseClient db;
    private final ActorResolver actors;
    private final Clock clock;

    StreamTicketAuthentication(DatabaseClient db, ActorResolver actors, Clock clock) {
        this.db = db;
        this.actors = actors;
        this.clock = clock;
    }

    /** The filter for the security chain, at the authentication position. */
    AuthenticationWebFilter filter(ProblemWebExceptionHandler problems) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(this::authenticate);
        filter.setRequiresAuthenticationMatcher(exchange -> STREAM.matches(exchange)
                .flatMap(match -> match.isMatch()
                                && exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION) == null
                                && ticket(exchange) != null
                        ? ServerWebExchangeMatcher.MatchResult.match(match.getVariables())
                        : ServerWebExchangeMatcher.MatchResult.notMatch()));
        filter.setServerAuthenticationConverter(exchange -> STREAM.matches(exchange)
                .map(match -> new Presented(
                        ticket(exchange), String.valueOf(match.getVariables().get("sessionId")))));
        filter.setAuthenticationFailureHandler((webExchange, failure) -> {
            ServerWebExchange exchange = webExchange.getExchange();
            log.info(
                    "Stream ticket refused on {} {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    failure.getMessage());
            return problems.handle(
                    exchange,
                    new RequestRejectedException(
                            ErrorCode.UNAUTHENTICATED,
                            "This stream ticket is not valid here (unknown, expired, or for another class): get a new "
                                    + "one with POST /sessions/{sessionId}/stream-tickets, then reconnect with "
                                    + "lastEventId"));
        });
        return filter;
    }

    /**
     * The raw {@code ticket} parameter, read from the query string without decoding: a ticket needs none, so
     * anything percent-encoded (or otherwise outside the grammar) is simply not a ticket.
     */
    static String ticket(ServerWebExchange exchange) {
        String query = exchange.getRequest().getURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(PARAMETER + "=")) {
                return pair.substring(PARAMETER.length() + 1);
            }
            if (pair.equals(PARAMETER)) {
                return "";
            }
        }
        return null;
    }

    private Mono<Authentication> authenticate(Authentication presented) {
        Presented ticket = (Presented) presented;
        if (!StreamTickets.GRAMMAR.matcher(ticket.text).matches()) {
            return Mono.error(new BadCredentialsException("malformed ticket"));
        }
        return db.sql("SELECT tenant_id, subject, session_id, expires_at FROM stream_tickets WHERE ticket_hash = :hash")
                .bind("hash", StreamTickets.hash(ticket.text))
                .map((row, meta) -> new Issued(
                        row.get("tenant_id", String.class),
                        row.get("subject", String.class),
                        row.get("session_id", UUID.class),
                        row.get("expires_at", OffsetDateTime.class).toInstant()))
                .one()
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown ticket")))
                .flatMap(issued -> {
                    if (!issued.sessionId.toString().equalsIgnoreCase(ticket.sessionId)) {
                        return Mono.error(new BadCredentialsException("ticket of another class"));
                    }
                    if (!issued.expiresAt.isAfter(clock.instant())) {
                        return Mono.error(new BadCredentialsException("expired ticket"));
                    }
                    return actors.resolve(new TenantId(issued.tenant), issued.subject)
                            .map(actor -> ActorAuthentication.streamTicket(actor, issued.expiresAt));
                });
    }

    private record Issued(String tenant, String subject, UUID sessionId, Instant expiresAt) {}

    /** A ticket as presented, with the class the URL names; unauthenticated. Its text is never printed. */
    private static final class Presented extends AbstractAuthenticationToken {

        private final String text;
        private final String sessionId;

        Presented(String text, String sessionId) {
            super(java.util.List.of());
            this.text = text;
            this.sessionId = sessionId;
        }

        @Override
        public Object getCredentials() {
            return text;
        }

        @Override
        public Object getPrincipal() {
            return "stream ticket";
        }

        @Override
        public String toString() {
            return "stream ticket for class " + sessionId;
        }
    }
}
