package dev.lectern.command.session;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.SessionAuthority;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ChangeSessionPermissionCommand;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.RevokeParticipantCommand;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionPermissionRevokedEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One class session: its schedule, who owns it, and the permissions given within it; its lifecycle
 * (start, join, end) comes with the orchestrator. The authority on what may happen to a class; every
 * change is an event in session_state_events.
 */
@Aggregate
class Session {

    /** Clocks drift and forms take time to submit: a start this far in the past still counts as "now". */
    static final Duration SCHEDULING_GRACE = Duration.ofMinutes(5);

    @AggregateIdentifier
    private SessionId sessionId;
    private TenantId tenantId;
    private UserId teacher;
    private final Map<UserId, Set<SessionPermission>> permissions = new HashMap<>();
    private final Set<UserId> revoked = new HashSet<>();

    Session() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Session(ScheduleSessionCommand command, Clock clock) throws DomainException {
        Instant now = clock.instant();
        if (command.startsAt().isBefore(now.minus(SCHEDULING_GRACE))) {
            throw new DomainException(ErrorCode.SESSION_STARTS_IN_PAST,
                    "startsAt " + command.startsAt() + " is more than " + SCHEDULING_GRACE.toMinutes()
                            + " minutes before now (" + now + ")");
        }
        apply(new SessionScheduledEvent(command.sessionId(), command.tenantId(), command.title().strip(),
                command.startsAt(), command.durationMinutes(), command.recordingEnabled(), now, command.scheduledBy(),
                command.lessonId(), command.courseId()));
    }

    /** Returns whether anything changed: granting a permission someone has (or revoking one they lack) is said to be a no-op. */
    @CommandHandler
    boolean handle(ChangeSessionPermissionCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        if (revoked.contains(command.userId())) {
            throw new DomainException(ErrorCode.PARTICIPANT_REVOKED,
                    "This person was removed from the class; their permissions cannot change");
        }
        boolean has = permissions.getOrDefault(command.userId(), Set.of()).contains(command.permission());
        if (has == command.grant()) {
            return false;
        }
        Instant now = clock.instant();
        String by = command.actor().subject();
        if (command.grant()) {
            apply(new SessionPermissionGrantedEvent(sessionId, tenantId, command.userId(), command.permission(), by,
                    command.reason(), now));
        } else {
            apply(new SessionPermissionRevokedEvent(sessionId, tenantId, command.userId(), command.permission(), by,
                    command.reason(), now));
        }
        return true;
    }

    @CommandHandler
    boolean handle(RevokeParticipantCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        if (command.userId().equals(teacher)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The class's own teacher cannot be removed from it");
        }
        if (revoked.contains(command.userId())) {
            return false;
        }
        apply(new ParticipantRevokedEvent(sessionId, tenantId, command.userId(), command.actor().subject(),
                command.reason(), clock.instant()));
        return true;
    }

    /** Another school's class does not exist for the actor; within the school, only its teacher or an admin. */
    private void authorize(Actor actor) throws DomainException {
        if (!actor.tenantId().equals(tenantId)) {
            throw new DomainException(ErrorCode.SESSION_NOT_FOUND, "No session " + sessionId + " in this tenant");
        }
        if (!SessionAuthority.mayManage(actor, teacher)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only this class's teacher or an admin may do this");
        }
    }

    @EventSourcingHandler
    void on(SessionScheduledEvent event) {
        this.sessionId = event.sessionId();
        this.tenantId = event.tenantId();
        this.teacher = event.scheduledBy();
    }

    @EventSourcingHandler
    void on(SessionPermissionGrantedEvent event) {
        permissions.computeIfAbsent(event.userId(), u -> EnumSet.noneOf(SessionPermission.class)).add(event.permission());
    }

    @EventSourcingHandler
    void on(SessionPermissionRevokedEvent event) {
        permissions.getOrDefault(event.userId(), EnumSet.noneOf(SessionPermission.class)).remove(event.permission());
    }

    @EventSourcingHandler
    void on(ParticipantRevokedEvent event) {
        revoked.add(event.userId());
        permissions.remove(event.userId());
    }
}
