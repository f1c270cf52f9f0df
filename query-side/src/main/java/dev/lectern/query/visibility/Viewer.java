package dev.lectern.query.visibility;

import dev.lectern.events.session.ClassRoles;
import java.util.Set;
import java.util.UUID;

/**
 * Who is looking at a class, in their class role. What each {@link Audience} sees is declared in
 * {@link dev.lectern.query.visibility.EventVisibility} and {@link dev.lectern.query.visibility.StateVisibility}.
 */
public record Viewer(UUID userId, String classRole) {

    public Audience audience() {
        return switch (classRole) {
            case ClassRoles.TEACHER, ClassRoles.ASSISTANT -> Audience.STAFF;
            case ClassRoles.STUDENT -> Audience.STUDENT;
            default -> Audience.PUBLIC;
        };
    }

    public boolean is(UUID user) {
        return userId != null && userId.equals(user);
    }

    /** The context in which visibility conditions are evaluated for this viewer. */
    public When.Context context(Set<String> deletedMessages) {
        return new When.Context(userId, deletedMessages);
    }
}
