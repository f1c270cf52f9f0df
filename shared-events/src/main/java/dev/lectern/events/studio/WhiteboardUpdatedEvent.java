package dev.lectern.events.studio;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A batch of whiteboard operations by one person, applied in order (the board at any moment is the fold of these). */
@EventName("whiteboard.updated")
@Revision("1")
public record WhiteboardUpdatedEvent(
        SessionId sessionId, TenantId tenantId, UUID batchId, UserId userId, List<WhiteboardOp> ops, Instant updatedAt)
        implements StudioEvent {}
