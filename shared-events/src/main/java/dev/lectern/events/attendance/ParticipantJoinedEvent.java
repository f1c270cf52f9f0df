package dev.lectern.events.attendance;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Someone joined the live class, in a class role (teacher, assistant, student, public_viewer).
 * {@code displayName} (revision 2) is the person's name when they joined; null when recorded from
 * the media plane, and in revision 1 events (docs/adr/0027).
 */
@EventName("participant.joined")
@Revision("2")
public record ParticipantJoinedEvent(
        SessionId sessionId,
        TenantId tenantId,
        UserId userId,
        String subject,
        String classRole,
        Instant joinedAt,
        String displayName)
        implements AttendanceEvent {

    /** Without a name: from the media plane, or where the name does not matter. */
    public ParticipantJoinedEvent(
            SessionId sessionId, TenantId tenantId, UserId userId, String subject, String classRole, Instant joinedAt) {
        this(sessionId, tenantId, userId, subject, classRole, joinedAt, null);
    }
}
