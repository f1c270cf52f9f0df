package dev.lectern.events;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;

/**
 * Every event Lectern stores belongs to exactly one tenant and one class session. The event store
 * copies both into their own indexed columns, so a session's log and a tenant's log can be read
 * without deserialising payloads. Aggregates other than Session (Scene, Poll, Question) carry the
 * session they belong to.
 */
public interface LecternEvent {

    TenantId tenantId();

    SessionId sessionId();
}
