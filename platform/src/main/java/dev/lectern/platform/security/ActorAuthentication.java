package dev.lectern.platform.security;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.TokenLifetime;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified credential plus what Lectern knows of its subject: the {@link Actor} every endpoint receives.
 * The credential is a bearer token, or a stream ticket (docs/adr/0024-browser-access.md), whose text is
 * never kept here: only what it stands for.
 */
public final class ActorAuthentication extends AbstractAuthenticationToken {

    private final Object credentials;
    private final Actor actor;
    private final TokenLifetime lifetime;

    ActorAuthentication(Jwt token, Actor actor) {
        // The decoder's validator requires exp, so every accepted token has one.
        this(token, actor, new TokenLifetime(token.getExpiresAt()));
    }

    /** A stream ticket's authentication: no token, the ticket's expiry. */
    static ActorAuthentication streamTicket(Actor actor, java.time.Instant expiresAt) {
        return new ActorAuthentication(
                "stream ticket", actor, new TokenLifetime(expiresAt, TokenLifetime.Credential.STREAM_TICKET));
    }

    private ActorAuthentication(Object credentials, Actor actor, TokenLifetime lifetime) {
        super(actor.roles().stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList());
        this.credentials = credentials;
        this.actor = actor;
        this.lifetime = lifetime;
        setAuthenticated(true);
    }

    public Actor actor() {
        return actor;
    }

    /** When the credential stops being valid, and which kind it is. */
    TokenLifetime lifetime() {
        return lifetime;
    }

    @Override
    public Object getCredentials() {
        return credentials;
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.subject();
    }
}
