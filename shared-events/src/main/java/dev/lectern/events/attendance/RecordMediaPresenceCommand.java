package dev.lectern.events.attendance;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The media plane saw someone enter ({@code present}) or leave the class's room (a verified LiveKit
 * webhook). Only people who joined through Lectern have a class role; others are ignored.
 */
public record RecordMediaPresenceCommand(
        @TargetAggregateIdentifier SessionId sessionId, TenantId tenantId, UserId userId, boolean present) {

    public RecordMediaPresenceCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
    }
}
