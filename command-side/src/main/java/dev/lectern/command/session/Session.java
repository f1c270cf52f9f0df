package dev.lectern.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.lectern.command.attendance.Attendance;
import dev.lectern.command.interaction.Interaction;
import dev.lectern.command.member.ClassContext;
import dev.lectern.command.studio.Studio;
import dev.lectern.command.unitofwork.Compensation;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.SessionAuthority;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.input.TimeBounds;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.recording.FinalizeRecordingCommand;
import dev.lectern.events.recording.RecordingFinalizedEvent;
import dev.lectern.events.recording.RecordingStatus;
import dev.lectern.events.session.CancelSessionCommand;
import dev.lectern.events.session.ChangeSessionPermissionCommand;
import dev.lectern.events.session.EndSessionCommand;
import dev.lectern.events.session.FinishMediaRoomCommand;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.RescheduleSessionCommand;
import dev.lectern.events.session.RevokeParticipantCommand;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionCancelledEvent;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionPermissionRevokedEvent;
import dev.lectern.events.session.SessionRescheduledEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import dev.lectern.events.session.StartSessionCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One class session: schedule, lifecycle (scheduled, live, ended or cancelled), who owns it, who is
 * in it, and the permissions given within it. The authority on what may happen to a class; every
 * change is an event in session_state_events. Its members (attendance, studio, interaction) hold plain state and
 * receive the class as a {@link ClassContext} handler parameter; the whole aggregate is snapshotted as JSON, and its
 * {@link Revision} changes whenever the state of the root or a member changes shape
 * (docs/adr/0019-session-members-and-snapshots.md).
 */
@Aggregate(cache = "sessionCache", snapshotTriggerDefinition = "sessionSnapshotTrigger")
@Revision("1")
class Session implements ClassContext {

    /** Clocks drift and forms take time to submit: a start this far in the past still counts as "now". */
    static final Duration SCHEDULING_GRACE = Duration.ofMinutes(5);

    enum Status {
        SCHEDULED,
        LIVE,
        ENDED,
        CANCELLED
    }

    @AggregateIdentifier
    private SessionId sessionId;

    private TenantId tenantId;
    private UserId teacher;
    private CourseId courseId;
    private String title;
    private Status status;
    private String mediaRoom;
    private boolean recordingEnabled;
    private String recordingId;
    private boolean recordingFinalized;
    private final Map<UserId, Set<SessionPermission>> permissions = new HashMap<>();
    private final Set<UserId> revoked = new HashSet<>();

    /** Who is in the class: joins, leaves, media presence. */
    @AggregateMember
    private final Attendance attendance = new Attendance();

    /** Scenes, slides, whiteboard and calls to action: the teaching studio. */
    @AggregateMember
    private final Studio studio = new Studio();

    /** Chat, its moderation and settings, exam mode; creates questions and polls. */
    @AggregateMember
    private final Interaction interaction = new Interaction();

    Session() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Session(ScheduleSessionCommand command, Clock clock) throws DomainException {
        Instant now = clock.instant();
        if (command.startsAt().isBefore(now.minus(SCHEDULING_GRACE))) {
            throw new DomainException(
                    ErrorCode.SESSION_STARTS_IN_PAST,
                    "startsAt " + command.startsAt() + " is more than " + SCHEDULING_GRACE.toMinutes()
                            + " minutes before now (" + now + ")");
        }
        requireWithinHorizon(command.startsAt(), now);
        apply(new SessionScheduledEvent(
                command.sessionId(),
                command.tenantId(),
                command.title().strip(),
                command.startsAt(),
                command.durationMinutes(),
                command.recordingEnabled(),
                now,
                command.scheduledBy(),
                command.lessonId(),
                command.courseId()));
    }

    /** Returns whether anything changed: granting a permission someone has (or revoking one they lack) is said to be a no-op. */
    @CommandHandler
    boolean handle(ChangeSessionPermissionCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        if (revoked.contains(command.userId())) {
            throw new DomainException(
                    ErrorCode.PARTICIPANT_REVOKED,
                    "This person was removed from the class; their permissions cannot change");
        }
        boolean has = permissions.getOrDefault(command.userId(), Set.of()).contains(command.permission());
        if (has == command.grant()) {
            return false;
        }
        Instant now = clock.instant();
        String by = command.actor().subject();
        if (command.grant()) {
            apply(new SessionPermissionGrantedEvent(
                    sessionId, tenantId, command.userId(), command.permission(), by, command.reason(), now));
        } else {
            apply(new SessionPermissionRevokedEvent(
                    sessionId, tenantId, command.userId(), command.permission(), by, command.reason(), now));
        }
        return true;
    }

    /** Also disconnects the person from the media room (best effort: their token expires within 30 minutes anyway). */
    @CommandHandler
    boolean handle(RevokeParticipantCommand command, Clock clock, MediaPlane media) throws DomainException {
        authorize(command.actor());
        if (command.userId().equals(teacher)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The class's own teacher cannot be removed from it");
        }
        if (revoked.contains(command.userId())) {
            return false;
        }
        apply(new ParticipantRevokedEvent(
                sessionId, tenantId, command.userId(), command.actor().subject(), command.reason(), clock.instant()));
        if (mediaRoom != null) {
            try {
                media.removeParticipant(mediaRoom, command.userId().toString());
            } catch (MediaPlane.MediaPlaneUnavailableException | RuntimeException e) {
                // The revocation stands in the log; a rejoin is refused, and the token runs out.
            }
        }
        return true;
    }

    @CommandHandler
    void handle(RescheduleSessionCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        requireStatus(Status.SCHEDULED);
        Instant now = clock.instant();
        if (command.startsAt().isBefore(now.minus(SCHEDULING_GRACE))) {
            throw new DomainException(
                    ErrorCode.SESSION_STARTS_IN_PAST, "startsAt " + command.startsAt() + " is in the past");
        }
        requireWithinHorizon(command.startsAt(), now);
        String newTitle = command.title() == null ? title : command.title().strip();
        apply(new SessionRescheduledEvent(
                sessionId,
                tenantId,
                newTitle,
                command.startsAt(),
                command.durationMinutes(),
                command.actor().subject(),
                now));
    }

    @CommandHandler
    void handle(CancelSessionCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        requireStatus(Status.SCHEDULED);
        apply(new SessionCancelledEvent(
                sessionId, tenantId, command.actor().subject(), command.reason(), clock.instant()));
    }

    /**
     * Go live, in the kill-switch order of seed 001: the endpoint verified identity; here state and
     * authority, then the media room and the recorder; only then is {@code session.started} appended.
     * Whatever fails after an allocation (the recorder, the append, the surrounding transaction) releases
     * what was allocated, through {@link Compensation} (checked rejections do not roll back: ADR 0016).
     */
    @CommandHandler
    void handle(StartSessionCommand command, Clock clock, MediaPlane media) throws DomainException {
        authorize(command.actor());
        requireStatus(Status.SCHEDULED);
        String room = null;
        if (media.enabled()) {
            try {
                room = media.allocateRoom(tenantId, sessionId);
            } catch (MediaPlane.MediaPlaneUnavailableException e) {
                throw new DomainException(
                        ErrorCode.DEPENDENCY_UNAVAILABLE,
                        "The media plane could not allocate a room; the class did not start. Retry shortly.");
            }
            String allocated = room;
            Compensation.onFailure(
                    "delete media room " + allocated + " of " + sessionId, () -> media.releaseRoom(allocated));
        }
        String recording = null;
        if (room != null && recordingEnabled) {
            try {
                recording = media.startRecording(room, tenantId, sessionId);
            } catch (MediaPlane.MediaPlaneUnavailableException e) {
                throw new DomainException(
                        ErrorCode.DEPENDENCY_UNAVAILABLE,
                        "The recorder could not be armed; the class did not start. Retry shortly.");
            }
            String armed = recording;
            Compensation.onFailure("stop recording " + armed + " of " + sessionId, () -> media.stopRecording(armed));
        }
        apply(new SessionStartedEvent(
                sessionId, tenantId, command.actor().subject(), room, recording, clock.instant()));
    }

    @CommandHandler
    void handle(EndSessionCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        requireStatus(Status.LIVE);
        apply(new SessionEndedEvent(sessionId, tenantId, command.actor().subject(), clock.instant()));
    }

    /** Applied once per recording; later reports (webhook after polling, or redelivery) change nothing. */
    @CommandHandler
    boolean handle(FinalizeRecordingCommand command, Clock clock) throws DomainException {
        requireTenant(command.tenantId());
        if (recordingFinalized
                || !command.recordingId().equals(recordingId)
                || !command.status().settled()) {
            return false;
        }
        RecordingStatus status = command.status();
        apply(new RecordingFinalizedEvent(
                sessionId,
                tenantId,
                recordingId,
                status.state(),
                status.location(),
                status.sizeBytes(),
                status.durationSeconds(),
                status.error(),
                clock.instant()));
        return true;
    }

    @CommandHandler
    boolean handle(FinishMediaRoomCommand command, Clock clock) throws DomainException {
        requireTenant(command.tenantId());
        if (status != Status.LIVE) {
            return false;
        }
        apply(new SessionEndedEvent(sessionId, tenantId, "livekit:room_finished", clock.instant()));
        return true;
    }

    @Override
    public void requireTenant(TenantId tenant) throws DomainException {
        if (!tenant.equals(tenantId)) {
            throw new DomainException(ErrorCode.SESSION_NOT_FOUND, "No session " + sessionId + " in this tenant");
        }
    }

    private void requireStatus(Status expected) throws DomainException {
        if (status == expected) {
            return;
        }
        throw switch (status) {
            case LIVE -> new DomainException(ErrorCode.SESSION_ALREADY_LIVE, "The class is live");
            case ENDED -> new DomainException(ErrorCode.SESSION_ENDED, "The class has ended");
            case CANCELLED -> new DomainException(ErrorCode.SESSION_CANCELLED, "The class was cancelled");
            case SCHEDULED -> new DomainException(ErrorCode.SESSION_NOT_LIVE, "The class has not started");
        };
    }

    // What the members (attendance, studio, interaction) need to know about the class.

    @Override
    public SessionId id() {
        return sessionId;
    }

    @Override
    public TenantId tenant() {
        return tenantId;
    }

    @Override
    public UserId teacher() {
        return teacher;
    }

    @Override
    public CourseId course() {
        return courseId;
    }

    @Override
    public boolean isLive() {
        return status == Status.LIVE;
    }

    @Override
    public String mediaRoom() {
        return mediaRoom;
    }

    /** Scheduled or live: the class can still be prepared or changed. */
    @Override
    public void requireNotOver() throws DomainException {
        if (status == Status.ENDED || status == Status.CANCELLED) {
            requireStatus(Status.LIVE);
        }
    }

    /** A class starts at most {@link TimeBounds#SCHEDULING_HORIZON} ahead (docs/adr/0013-one-input-rule.md). */
    private static void requireWithinHorizon(Instant startsAt, Instant now) throws DomainException {
        if (startsAt.isAfter(now.plus(TimeBounds.SCHEDULING_HORIZON))) {
            throw new DomainException(
                    ErrorCode.SESSION_STARTS_TOO_LATE,
                    "startsAt " + startsAt + " is more than " + TimeBounds.SCHEDULING_HORIZON.toDays() + " days ahead");
        }
    }

    @Override
    public void requireLive() throws DomainException {
        requireStatus(Status.LIVE);
    }

    @Override
    public void requireSameTenant(Actor actor) throws DomainException {
        requireTenant(actor.tenantId());
    }

    @Override
    public boolean mayManage(Actor actor) {
        return actor.tenantId().equals(tenantId) && SessionAuthority.mayManage(actor, teacher);
    }

    @Override
    public boolean has(UserId user, SessionPermission permission) {
        return user != null
                && !revoked.contains(user)
                && permissions.getOrDefault(user, Set.of()).contains(permission);
    }

    @Override
    public Set<SessionPermission> permissionsOf(UserId user) {
        return revoked.contains(user) ? Set.of() : Set.copyOf(permissions.getOrDefault(user, Set.of()));
    }

    @Override
    public boolean isPresent(UserId user) {
        return user != null && attendance.isPresent(user) && !revoked.contains(user);
    }

    @Override
    public boolean isRevoked(UserId user) {
        return user != null && revoked.contains(user);
    }

    @Override
    public String classRoleOf(UserId user) {
        return attendance.classRoleOf(user);
    }

    /** Teacher, admin, or (for studio changes that allow it) the holder of {@code permission}. */
    @Override
    public void authorize(Actor actor, SessionPermission orPermission) throws DomainException {
        requireTenant(actor.tenantId());
        if (SessionAuthority.mayManage(actor, teacher) || has(actor.userId(), orPermission)) {
            return;
        }
        throw new DomainException(
                ErrorCode.FORBIDDEN,
                "Only this class's teacher, an admin or a participant with the " + orPermission.value()
                        + " permission may do this");
    }

    /** Another school's class does not exist for the actor; within the school, only its teacher or an admin. */
    @Override
    public void authorize(Actor actor) throws DomainException {
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
        this.courseId = event.courseId();
        this.title = event.title();
        this.recordingEnabled = event.recordingEnabled();
        this.status = Status.SCHEDULED;
    }

    @EventSourcingHandler
    void on(RecordingFinalizedEvent event) {
        this.recordingFinalized = true;
    }

    @EventSourcingHandler
    void on(SessionRescheduledEvent event) {
        this.title = event.title();
    }

    @EventSourcingHandler
    void on(SessionCancelledEvent event) {
        this.status = Status.CANCELLED;
    }

    @EventSourcingHandler
    void on(SessionStartedEvent event) {
        this.status = Status.LIVE;
        this.mediaRoom = event.mediaRoom();
        this.recordingId = event.recordingId();
    }

    @EventSourcingHandler
    void on(SessionEndedEvent event) {
        this.status = Status.ENDED;
    }

    @EventSourcingHandler
    void on(SessionPermissionGrantedEvent event) {
        permissions
                .computeIfAbsent(event.userId(), u -> EnumSet.noneOf(SessionPermission.class))
                .add(event.permission());
    }

    @EventSourcingHandler
    void on(SessionPermissionRevokedEvent event) {
        permissions
                .getOrDefault(event.userId(), EnumSet.noneOf(SessionPermission.class))
                .remove(event.permission());
    }

    @EventSourcingHandler
    void on(ParticipantRevokedEvent event) {
        revoked.add(event.userId());
        permissions.remove(event.userId());
    }
}
