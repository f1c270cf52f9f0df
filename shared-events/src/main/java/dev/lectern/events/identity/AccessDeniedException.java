package dev.lectern.events.identity;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import java.util.stream.Collectors;

/** The actor's roles do not allow a capability. Privileged denials are recorded in the audit log. */
public class AccessDeniedException extends RequestRejectedException {

    private final Capability capability;

    public AccessDeniedException(Capability capability) {
        super(
                ErrorCode.FORBIDDEN,
                "This needs one of the roles: "
                        + capability.roles().stream().map(Role::value).collect(Collectors.joining(", ")));
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }

    /** Returns normally when the actor may, throws otherwise. */
    public static void require(Actor actor, Capability capability) {
        if (!capability.allows(actor)) {
            throw new AccessDeniedException(capability);
        }
    }
}
