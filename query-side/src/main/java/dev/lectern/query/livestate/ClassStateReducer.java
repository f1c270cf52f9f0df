package dev.lectern.query.livestate;

import dev.lectern.events.LecternEvent;
import dev.lectern.events.attendance.ParticipantJoinedEvent;
import dev.lectern.events.attendance.ParticipantLeftEvent;
import dev.lectern.events.recording.RecordingFinalizedEvent;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.SessionCancelledEvent;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionPermissionRevokedEvent;
import dev.lectern.events.session.SessionRescheduledEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import java.time.Instant;

/**
 * The one fold from events to {@link ClassState}. The live projection, replays and time travel all
 * call {@link #apply}; there is no second implementation of "what the class looks like". Pure: no
 * I/O, no clock, so a fold over the same events gives the same state byte for byte.
 */
public final class ClassStateReducer {

    private ClassStateReducer() {}

    /**
     * Folds one event at {@code position} into {@code state}. Returns false (and changes nothing) if
     * the state already includes that position: replays and redeliveries are harmless.
     */
    public static boolean apply(ClassState state, LecternEvent event, long position, Instant occurredAt) {
        if (position <= state.position) {
            return false;
        }
        if (state.sessionId == null) {
            state.sessionId = event.sessionId().value();
            state.tenantId = event.tenantId().value();
        }
        if (event instanceof SessionScheduledEvent e) {
            state.title = e.title();
            state.status = "scheduled";
            state.owner = e.scheduledBy() == null ? null : e.scheduledBy().value();
            state.courseId = e.courseId() == null ? null : e.courseId().value();
            state.lessonId = e.lessonId() == null ? null : e.lessonId().value();
            state.timing.startsAt = e.startsAt();
            state.timing.durationMinutes = e.durationMinutes();
            state.timing.scheduledAt = e.scheduledAt();
            state.media.recordingEnabled = e.recordingEnabled();
        } else if (event instanceof SessionRescheduledEvent e) {
            state.title = e.title();
            state.timing.startsAt = e.startsAt();
            state.timing.durationMinutes = e.durationMinutes();
        } else if (event instanceof SessionCancelledEvent e) {
            state.status = "cancelled";
            state.timing.cancelledAt = e.cancelledAt();
        } else if (event instanceof SessionStartedEvent e) {
            state.status = "live";
            state.timing.startedAt = e.startedAt();
            state.media.room = e.mediaRoom();
            if (e.recordingId() != null) {
                ClassState.Recording recording = new ClassState.Recording();
                recording.id = e.recordingId();
                recording.status = "recording";
                state.media.recording = recording;
            }
        } else if (event instanceof SessionEndedEvent e) {
            state.status = "ended";
            state.timing.endedAt = e.endedAt();
            state.media.room = null;
            state.roster.values().forEach(p -> {
                if (p.present) {
                    p.present = false;
                    p.leftAt = e.endedAt();
                }
            });
        } else if (event instanceof ParticipantJoinedEvent e) {
            ClassState.Participant p = participant(state, e.userId().value().toString());
            p.userId = e.userId().value();
            p.subject = e.subject();
            if (e.displayName() != null) {
                // a rejoin seen by the media plane carries no name: the one from the join stays
                p.displayName = e.displayName();
            }
            p.classRole = e.classRole();
            p.present = true;
            p.joinedAt = e.joinedAt();
            p.leftAt = null;
        } else if (event instanceof ParticipantLeftEvent e) {
            ClassState.Participant p = participant(state, e.userId().value().toString());
            p.userId = e.userId().value();
            p.present = false;
            p.leftAt = e.leftAt();
        } else if (event instanceof ParticipantRevokedEvent e) {
            ClassState.Participant p = participant(state, e.userId().value().toString());
            p.userId = e.userId().value();
            p.present = false;
            p.revoked = true;
            p.revokedReason = e.reason();
            p.permissions.clear();
            if (p.leftAt == null && p.joinedAt != null) {
                p.leftAt = e.revokedAt();
            }
        } else if (event instanceof SessionPermissionGrantedEvent e) {
            ClassState.Participant p = participant(state, e.userId().value().toString());
            p.userId = e.userId().value();
            p.permissions.add(e.permission().value());
        } else if (event instanceof SessionPermissionRevokedEvent e) {
            ClassState.Participant p = participant(state, e.userId().value().toString());
            p.userId = e.userId().value();
            p.permissions.remove(e.permission().value());
        } else if (!Interactions.apply(state, event)) {
            applyRecording(state, event);
        }
        state.position = position;
        state.asOf = occurredAt;
        return true;
    }

    private static void applyRecording(ClassState state, LecternEvent event) {
        if (event instanceof RecordingFinalizedEvent e) {
            ClassState.Recording recording =
                    state.media.recording == null ? new ClassState.Recording() : state.media.recording;
            recording.id = e.recordingId();
            recording.status = e.status();
            recording.location = e.location();
            recording.sizeBytes = e.sizeBytes();
            recording.durationSeconds = e.durationSeconds();
            recording.error = e.error();
            recording.finalizedAt = e.finalizedAt();
            state.media.recording = recording;
        }
    }

    private static ClassState.Participant participant(ClassState state, String userId) {
        return state.roster.computeIfAbsent(userId, id -> new ClassState.Participant());
    }
}
