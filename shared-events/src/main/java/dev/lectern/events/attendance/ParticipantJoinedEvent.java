package dev.lectern.events.attendance;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Someone joined the live class, in a class role (teacher, assistant, student, public_viewer). */
@EventName("participant.joined")
@Revision("1")
public record ParticipantJoinedEvent(
        SessionId sessionId, TenantId tenantId, UserId userId, String subject, String classRole, Instant joinedAt)
        implements AttendanceEvent {}
