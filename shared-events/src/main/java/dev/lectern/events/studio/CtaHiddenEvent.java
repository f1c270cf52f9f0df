package dev.lectern.events.studio;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The call to action was taken off screen. */
@EventName("cta.hidden")
@Revision("1")
public record CtaHiddenEvent(SessionId sessionId, TenantId tenantId, CtaId ctaId, String hiddenBy, Instant hiddenAt)
        implements StudioEvent {}
