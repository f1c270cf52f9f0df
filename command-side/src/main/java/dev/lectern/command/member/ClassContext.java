package dev.lectern.command.member;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import java.util.Set;

/**
 * What a member of the Session aggregate (studio, interaction, attendance) may know and ask of its class: identity,
 * who teaches it, its state, and the authority rules. The Session root implements it; members hold no reference to
 * it but receive it as a handler parameter ({@link ClassContextResolverFactory},
 * docs/adr/0019-session-members-and-snapshots.md), so that the aggregate is plain state.
 */
public interface ClassContext {

    SessionId id();

    TenantId tenant();

    UserId teacher();

    CourseId course();

    boolean isLive();

    /** The class's media room while it is live, else null. */
    String mediaRoom();

    /** Scheduled or live: the class can still be prepared or changed. */
    void requireNotOver() throws DomainException;

    void requireLive() throws DomainException;

    void requireSameTenant(Actor actor) throws DomainException;

    /** Another school's class does not exist: SESSION_NOT_FOUND. */
    void requireTenant(TenantId tenant) throws DomainException;

    boolean mayManage(Actor actor);

    boolean has(UserId user, SessionPermission permission);

    /** The permissions given to this person within the class (none once they were removed from it). */
    Set<SessionPermission> permissionsOf(UserId user);

    boolean isPresent(UserId user);

    boolean isRevoked(UserId user);

    String classRoleOf(UserId user);

    /** Teacher, admin, or (for changes that allow it) the holder of {@code orPermission}. */
    void authorize(Actor actor, SessionPermission orPermission) throws DomainException;

    /** Another school's class does not exist for the actor; within the school, only its teacher or an admin. */
    void authorize(Actor actor) throws DomainException;
}
