package dev.lectern.events.identity;

/**
 * Who may manage one class (grant or revoke class permissions, remove participants): a tenant admin,
 * or the teacher who scheduled it. The endpoint checks the tenant-wide capability first; the Session
 * aggregate, which knows its teacher, applies this rule; both read it from here.
 */
public final class SessionAuthority {

    private SessionAuthority() {}

    public static boolean mayManage(Actor actor, UserId sessionTeacher) {
        return actor.has(Role.ADMIN)
                || (actor.has(Role.TEACHER)
                        && actor.userId() != null
                        && actor.userId().equals(sessionTeacher));
    }
}
