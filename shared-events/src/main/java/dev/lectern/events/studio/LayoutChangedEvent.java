package dev.lectern.events.studio;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The layout of what the class sees changed, within the current scene. */
@EventName("layout.changed")
@Revision("1")
public record LayoutChangedEvent(
        SessionId sessionId, TenantId tenantId, String layout, String changedBy, Instant changedAt)
        implements StudioEvent {}
