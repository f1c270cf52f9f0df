package dev.lectern.events.session;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;

/**
 * The event that creates an object inside a class: it records the class (school and session) the object belongs
 * to, for ever, and its owner (the asker of a question, the teacher of a poll or scene, the voter of a ballot;
 * null only where no owner is known). The object's {@link ClassScope} is read from it (docs/adr/0014).
 */
public interface ClassObjectCreatedEvent {

    TenantId tenantId();

    SessionId sessionId();

    UserId owner();
}
