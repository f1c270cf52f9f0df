package dev.lectern.events.session;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.TenantId;
import java.util.Objects;

/**
 * The class an object inside a class belongs to: its school and its session, as its created event recorded them.
 * Every child aggregate holds one and checks every command against it before anything else (one
 * {@code @CommandHandlerInterceptor} per aggregate). A command from another class or another school is answered
 * as if the object did not exist: with the aggregate's own not-found code, and nothing is appended
 * (docs/adr/0014: not found rather than forbidden, so that object ids of other classes cannot be probed).
 */
public record ClassScope(TenantId tenantId, SessionId sessionId) {

    public ClassScope {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** The scope an object is created in, from its created event. */
    public static ClassScope of(ClassObjectCreatedEvent created) {
        return new ClassScope(created.tenantId(), created.sessionId());
    }

    /** The scope a command speaks for: the actor's school and the class of the request. */
    public static ClassScope of(ClassObjectCommand command) {
        return new ClassScope(command.actor().tenantId(), command.sessionId());
    }

    public boolean contains(ClassObjectCommand command) {
        return equals(of(command));
    }

    /**
     * Refuses a command of another class or school with {@code notFound} (the aggregate's own *_NOT_FOUND code); the
     * detail names only the object id the caller already knows.
     */
    public void require(ClassObjectCommand command, ErrorCode notFound, Object objectId) throws DomainException {
        if (notFound.status() != 404) {
            throw new IllegalArgumentException(notFound + " is not a not-found code");
        }
        if (!contains(command)) {
            throw new DomainException(
                    notFound,
                    "This class has no "
                            + notFound.name()
                                    .replace("_NOT_FOUND", "")
                                    .toLowerCase()
                                    .replace('_', ' ') + " " + objectId);
        }
    }
}
