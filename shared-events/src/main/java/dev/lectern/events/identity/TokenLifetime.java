package dev.lectern.events.identity;

import java.time.Instant;

/**
 * When the caller's credential stops being valid. A controller declares it as a parameter (next to
 * {@link Actor}) when what it answers outlives the request: a stream ends at this moment and tells the
 * client to come back with a fresh credential (docs/adr/0016-*.md, docs/adr/0024-browser-access.md).
 *
 * @param expiresAt the bearer token's {@code exp}, or the stream ticket's expiry
 * @param credential what the caller authenticated with
 */
public record TokenLifetime(Instant expiresAt, Credential credential) {

    /** A bearer token (the {@code Authorization} header) or a stream ticket ({@code ?ticket=} on a class stream). */
    public enum Credential {
        BEARER_TOKEN("token_expired"),
        STREAM_TICKET("ticket_expired");

        private final String expiredReason;

        Credential(String expiredReason) {
            this.expiredReason = expiredReason;
        }

        /** The {@code reason} a stream's {@code reauthenticate} event gives when this credential expires. */
        public String expiredReason() {
            return expiredReason;
        }
    }

    public TokenLifetime {
        java.util.Objects.requireNonNull(expiresAt, "expiresAt");
        java.util.Objects.requireNonNull(credential, "credential");
    }

    /** A bearer token's lifetime. */
    public TokenLifetime(Instant expiresAt) {
        this(expiresAt, Credential.BEARER_TOKEN);
    }
}
