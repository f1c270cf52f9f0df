package dev.lectern.command.attendance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.lectern.command.member.ClassContext;
import dev.lectern.events.attendance.JoinResult;
import dev.lectern.events.attendance.JoinSessionCommand;
import dev.lectern.events.attendance.LeaveSessionCommand;
import dev.lectern.events.attendance.ParticipantJoinedEvent;
import dev.lectern.events.attendance.ParticipantLeftEvent;
import dev.lectern.events.attendance.ReconcileAttendanceCommand;
import dev.lectern.events.attendance.RecordMediaPresenceCommand;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.SessionEndedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * Who is in the class, a member of the Session aggregate: joining (the class role is decided here, from the
 * roster), leaving, and what the media plane reports of presence. Only while the class is live, never for someone
 * removed from it; the class's identity, teacher, course, permissions and removals come from its
 * {@link ClassContext}.
 */
public class Attendance {

    /** How long after joining someone may be missing from the media room before reconciliation says they left. */
    public static final Duration CONNECT_GRACE = Duration.ofMinutes(2);

    private final Set<UserId> present = new HashSet<>();
    private final Map<UserId, String> classRoles = new HashMap<>();
    private final Map<UserId, Instant> joinedAt = new HashMap<>();

    public Attendance() {
        // plain state: the class arrives as a handler parameter (docs/adr/0019-session-members-and-snapshots.md)
    }

    /** Decides the class role and grants; appends participant.joined unless the person is already in the class. */
    @CommandHandler
    JoinResult handle(JoinSessionCommand command, ClassContext session, Clock clock) throws DomainException {
        Actor actor = command.actor();
        session.requireSameTenant(actor);
        session.requireLive();
        if (actor.userId() == null) {
            throw new DomainException(ErrorCode.NOT_ON_ROSTER, "Only people known to the school can join its classes");
        }
        if (session.isRevoked(actor.userId())) {
            throw new DomainException(ErrorCode.PARTICIPANT_REVOKED, "You were removed from this class");
        }
        String classRole = ClassRoles.of(actor, session.teacher(), session.course(), command.enrollments())
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_ON_ROSTER, "You are not on this class's roster"));
        boolean already = present.contains(actor.userId());
        if (!already) {
            apply(new ParticipantJoinedEvent(
                    session.id(),
                    session.tenant(),
                    actor.userId(),
                    actor.subject(),
                    classRole,
                    clock.instant(),
                    actor.displayName()));
        }
        return new JoinResult(
                classRole,
                ClassRoles.grants(classRole, session.permissionsOf(actor.userId())),
                session.mediaRoom(),
                already);
    }

    /** Returns false when the person was not in the class (said, not silent). */
    @CommandHandler
    boolean handle(LeaveSessionCommand command, ClassContext session, Clock clock) throws DomainException {
        session.requireSameTenant(command.actor());
        UserId user = command.actor().userId();
        if (user == null || !present.contains(user)) {
            return false;
        }
        apply(new ParticipantLeftEvent(session.id(), session.tenant(), user, clock.instant()));
        return true;
    }

    /** A verified media-plane observation; returns whether the log changed. */
    @CommandHandler
    boolean handle(RecordMediaPresenceCommand command, ClassContext session, Clock clock) throws DomainException {
        session.requireTenant(command.tenantId());
        return command.present()
                ? seenInRoom(session, command.userId(), clock.instant())
                : goneFromRoom(session, command.userId(), clock.instant());
    }

    @CommandHandler
    int handle(ReconcileAttendanceCommand command, ClassContext session, Clock clock) throws DomainException {
        session.requireTenant(command.tenantId());
        Instant now = clock.instant();
        int changes = 0;
        for (UserId user : Set.copyOf(present)) {
            // Someone who joined a moment ago may not have connected to the room yet.
            boolean settling = joinedAt.getOrDefault(user, Instant.MIN).isAfter(now.minus(CONNECT_GRACE));
            if (!command.inRoom().contains(user) && !settling && goneFromRoom(session, user, now)) {
                changes++;
            }
        }
        for (UserId user : command.inRoom()) {
            if (seenInRoom(session, user, now)) {
                changes++;
            }
        }
        return changes;
    }

    /** Joined and not left. Whether they were removed is the class's to say (see {@link ClassContext#isPresent}). */
    public boolean isPresent(UserId user) {
        return present.contains(user);
    }

    /** The class role this person joined with, or null if they never joined. */
    public String classRoleOf(UserId user) {
        return classRoles.get(user);
    }

    private boolean seenInRoom(ClassContext session, UserId user, Instant now) {
        String role = classRoles.get(user);
        if (!session.isLive() || role == null || present.contains(user) || session.isRevoked(user)) {
            return false;
        }
        apply(new ParticipantJoinedEvent(session.id(), session.tenant(), user, null, role, now));
        return true;
    }

    private boolean goneFromRoom(ClassContext session, UserId user, Instant now) {
        if (!present.contains(user)) {
            return false;
        }
        apply(new ParticipantLeftEvent(session.id(), session.tenant(), user, now));
        return true;
    }

    @EventSourcingHandler
    void on(ParticipantJoinedEvent event) {
        present.add(event.userId());
        classRoles.put(event.userId(), event.classRole());
        joinedAt.put(event.userId(), event.joinedAt());
    }

    @EventSourcingHandler
    void on(ParticipantLeftEvent event) {
        present.remove(event.userId());
    }

    @EventSourcingHandler
    void on(ParticipantRevokedEvent event) {
        present.remove(event.userId());
    }

    @EventSourcingHandler
    void on(SessionEndedEvent event) {
        present.clear();
    }
}
