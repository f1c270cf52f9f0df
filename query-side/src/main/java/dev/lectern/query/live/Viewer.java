package dev.lectern.query.live;

import dev.lectern.events.identity.ClassRoles;

import java.util.UUID;

/**
 * Who is looking at a class, in their class role: what they may see of its state and its stream.
 * Teachers and assistants (staff) see everything; students see the class and their classmates
 * without their login identities or moderation details; public viewers see the class, not the people.
 */
public record Viewer(UUID userId, String classRole) {

    public enum Audience { STAFF, STUDENT, PUBLIC }

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
}
