package dev.lectern.platform.security;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** A verified token whose tenant claim names no school here (or no valid tenant or subject at all). */
final class UnknownTenantException extends InvalidBearerTokenException {

    UnknownTenantException(String description) {
        super(description);
    }
}
