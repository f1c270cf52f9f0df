package dev.lectern.events.identity;

import java.time.Instant;

/**
 * When the caller's verified bearer token stops being valid. A controller declares it as a parameter
 * (next to {@link Actor}) when what it answers outlives the request: a stream ends at this moment and
 * tells the client to come back with a fresh token (docs/adr/0016-*.md).
 *
 * @param expiresAt the token's {@code exp}
 */
public record TokenLifetime(Instant expiresAt) {

    public TokenLifetime {
        java.util.Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
