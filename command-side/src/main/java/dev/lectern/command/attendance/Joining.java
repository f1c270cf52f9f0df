package dev.lectern.command.attendance;

import dev.lectern.command.course.CourseDirectory;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.attendance.JoinResult;
import dev.lectern.events.attendance.JoinSessionCommand;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.media.JoinCredentials;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.session.MediaGrants;
import dev.lectern.events.session.SessionId;
import org.springframework.stereotype.Service;

/**
 * Joining a class (seed 001 diagram 2), inside the write's transaction: the class role comes from the roster and
 * the Session aggregate; the media token is signed here with exactly the grants that role and the class
 * permissions give. Media off: no token, and the answer says so.
 */
@Service
class Joining {

    private final CommandDispatcher commands;
    private final CourseDirectory courses;
    private final MediaPlane media;

    Joining(CommandDispatcher commands, CourseDirectory courses, MediaPlane media) {
        this.commands = commands;
        this.courses = courses;
        this.media = media;
    }

    JoinView join(Actor actor, SessionId session, IdempotencyKey key) {
        JoinResult joined = commands.send(new JoinSessionCommand(session, actor, courses.enrollmentsOf(actor)), key);
        JoinCredentials credentials = joined.mediaRoom() == null
                ? new JoinCredentials(null, null)
                : media.credentials(joined.mediaRoom(), actor.userId().toString(), actor.name(), joined.grants());
        return new JoinView(
                session.toString(),
                joined.classRole(),
                joined.mediaRoom() == null ? "off" : "on",
                credentials.url(),
                credentials.token(),
                joined.grants(),
                joined.alreadyJoined());
    }

    /** {@code media} is "off" when the platform runs without a media plane; then url and token are absent. */
    record JoinView(
            String sessionId,
            String classRole,
            String media,
            String livekitUrl,
            String token,
            MediaGrants grants,
            boolean alreadyJoined) {}
}
