package dev.lectern.events.interaction;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Exam mode on or off: while on, no chat message and no question is accepted (checked by the Session aggregate at write time). */
@EventName("exam_mode.changed")
@Revision("1")
public record ExamModeChangedEvent(
        SessionId sessionId, TenantId tenantId, boolean enabled, String changedBy, Instant changedAt)
        implements InteractionEvent {}
