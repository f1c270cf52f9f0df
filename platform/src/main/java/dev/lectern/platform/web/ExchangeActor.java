package dev.lectern.platform.web;

import dev.lectern.events.identity.Actor;
import org.springframework.web.server.ServerWebExchange;

/** The actor a controller received in an exchange, for code outside the security context (the error handler, audits). */
public final class ExchangeActor {

    /** Exchange attribute holding the resolved actor; set by the security module's argument resolver. */
    public static final String ATTRIBUTE = ExchangeActor.class.getName() + ".actor";

    private ExchangeActor() {}

    /** The actor a controller received in this exchange, or null. */
    public static Actor of(ServerWebExchange exchange) {
        Object actor = exchange.getAttribute(ATTRIBUTE);
        return actor instanceof Actor a ? a : null;
    }
}
