package dev.lectern.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Stream tickets (docs/adr/0024-browser-access.md).
 *
 * @param ttl how long a ticket lives ({@code LECTERN_STREAM_TICKET_TTL}, default five minutes), never
 *     longer than the bearer token it was issued for has left
 */
@ConfigurationProperties("lectern.stream-tickets")
public record StreamTicketProperties(Duration ttl) {

    public StreamTicketProperties {
        ttl = ttl == null ? Duration.ofMinutes(5) : ttl;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalStateException(
                    "LECTERN_STREAM_TICKET_TTL must be a positive duration (e.g. PT5M), not " + ttl);
        }
    }
}
