package dev.lectern.events.studio;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The teacher put a call to action on screen: a label and a link (clients show it with its QR code). */
@EventName("cta.shown")
@Revision("1")
public record CtaShownEvent(
        SessionId sessionId, TenantId tenantId, CtaId ctaId, String label, String url, String shownBy, Instant shownAt)
        implements StudioEvent {}
