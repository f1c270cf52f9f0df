package dev.lectern.events.attendance;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Someone left the live class. */
@EventName("participant.left")
@Revision("1")
public record ParticipantLeftEvent(SessionId sessionId, TenantId tenantId, UserId userId, Instant leftAt)
        implements AttendanceEvent {}
