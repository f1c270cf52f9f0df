package dev.lectern.platform.security;

import dev.lectern.events.identity.Actor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A verified token plus what Lectern knows of its subject: the {@link Actor} every endpoint receives. */
public final class ActorAuthentication extends AbstractAuthenticationToken {

    private final Jwt token;
    private final Actor actor;

    ActorAuthentication(Jwt token, Actor actor) {
        super(actor.roles().stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList());
        this.token = token;
        this.actor = actor;
        setAuthenticated(true);
    }

    public Actor actor() {
        return actor;
    }

    /** The token's {@code exp} (required by the decoder's validator). */
    java.time.Instant expiresAt() {
        return token.getExpiresAt();
    }

    @Override
    public Object getCredentials() {
        return token;
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
