package dev.lectern.sagas.room;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.lectern.events.attendance.ReconcileAttendanceCommand;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.recording.FinalizeRecordingCommand;
import dev.lectern.events.recording.RecordingFinalizedEvent;
import dev.lectern.events.recording.RecordingStatus;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionStartedEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media room (and recording) of one live class. While the class is live it reconciles attendance
 * with the room every {@link #RECONCILE_EVERY} (LiveKit does not guarantee webhook delivery); when the
 * class ends it stops the recording, deletes the room (retrying with exponential backoff) and waits for
 * the recording to settle (webhook, or polling with a two-hour limit). Every path ends the saga: media
 * off, or room released (or given up, logged) and recording settled (finalised, failed or timed out).
 * Deadlines are durable (db-scheduler). Fields hold only state.
 */
@Saga
@DisallowReplay
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class RoomLifecycleSaga {

    static final String ASSOCIATION = "sessionId";
    static final String RECONCILE = "reconcile-attendance";
    static final String RELEASE = "release-room";
    static final Duration RECONCILE_EVERY = Duration.ofSeconds(60);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final int MAX_RELEASE_ATTEMPTS = 8;
    static final String CHECK_RECORDING = "check-recording";
    static final Duration RECORDING_CHECK_EVERY = Duration.ofSeconds(30);
    /** 30 s x 240 = 2 hours for an upload to finish before the recording counts as timed out. */
    static final int MAX_RECORDING_CHECKS = 240;

    private static final Logger log = LoggerFactory.getLogger(RoomLifecycleSaga.class);

    private SessionId sessionId;
    private TenantId tenantId;
    private String room;
    private String recordingId;
    private int releaseAttempts;
    private int recordingChecks;
    private boolean roomReleased;
    private boolean recordingSettled;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(SessionStartedEvent event, DeadlineManager deadlines) {
        if (event.mediaRoom() == null) {
            SagaLifecycle.end(); // media off: there is no room to look after
            return;
        }
        this.sessionId = event.sessionId();
        this.tenantId = event.tenantId();
        this.room = event.mediaRoom();
        this.recordingId = event.recordingId();
        this.recordingSettled = recordingId == null;
        deadlines.schedule(RECONCILE_EVERY, RECONCILE, new ReconcileDue(sessionId));
    }

    @DeadlineHandler(deadlineName = RECONCILE)
    public void reconcile(ReconcileDue due, MediaPlane media, CommandGateway commands, DeadlineManager deadlines) {
        try {
            Set<UserId> inRoom = media.participants(room).stream()
                    .map(UserId::parse)
                    .flatMap(Optional::stream)
                    .collect(Collectors.toSet());
            commands.sendAndWait(new ReconcileAttendanceCommand(sessionId, tenantId, inRoom));
        } catch (MediaPlane.MediaPlaneUnavailableException | RuntimeException e) {
            log.warn(
                    "Attendance reconciliation for {} failed ({}); next try in {}",
                    sessionId,
                    e.getMessage(),
                    RECONCILE_EVERY);
        }
        deadlines.schedule(RECONCILE_EVERY, RECONCILE, new ReconcileDue(sessionId));
    }

    /**
     * The class ended: stop the recording (the file is then uploaded), delete the room, and wait for the
     * recording to settle: the egress_ended webhook finalises it, or {@link #checkRecording} polls.
     */
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(SessionEndedEvent event, MediaPlane media, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(RECONCILE);
        if (recordingId != null && !recordingSettled) {
            try {
                media.stopRecording(recordingId);
            } catch (MediaPlane.MediaPlaneUnavailableException | RuntimeException e) {
                log.warn(
                        "Stopping recording {} of {} failed ({}); deleting the room ends it too",
                        recordingId,
                        sessionId,
                        e.getMessage());
            }
            deadlines.schedule(RECORDING_CHECK_EVERY, CHECK_RECORDING, new RecordingCheckDue(sessionId));
        }
        release(media, deadlines);
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(RecordingFinalizedEvent event, DeadlineManager deadlines) {
        recordingSettled = true;
        deadlines.cancelAllWithinScope(CHECK_RECORDING);
        endWhenDone();
    }

    /** LiveKit may drop the egress_ended webhook: ask, until it settles or {@link #MAX_RECORDING_CHECKS} runs out. */
    @DeadlineHandler(deadlineName = CHECK_RECORDING)
    public void checkRecording(
            RecordingCheckDue due, MediaPlane media, CommandGateway commands, DeadlineManager deadlines) {
        recordingChecks++;
        RecordingStatus status;
        try {
            status = media.recordingStatus(recordingId);
        } catch (MediaPlane.MediaPlaneUnavailableException | RuntimeException e) {
            status = new RecordingStatus(RecordingStatus.ACTIVE, null, 0, 0, null);
        }
        if (!status.settled() && recordingChecks >= MAX_RECORDING_CHECKS) {
            status =
                    new RecordingStatus("timed_out", null, 0, 0, "no final state after " + recordingChecks + " checks");
        }
        if (status.settled()) {
            commands.sendAndWait(new FinalizeRecordingCommand(sessionId, tenantId, recordingId, status));
            return; // the recording.finalized event ends the wait
        }
        deadlines.schedule(RECORDING_CHECK_EVERY, CHECK_RECORDING, new RecordingCheckDue(sessionId));
    }

    private void endWhenDone() {
        if (roomReleased && recordingSettled) {
            SagaLifecycle.end();
        }
    }

    @DeadlineHandler(deadlineName = RELEASE)
    public void retryRelease(ReleaseDue due, MediaPlane media, DeadlineManager deadlines) {
        release(media, deadlines);
    }

    private void release(MediaPlane media, DeadlineManager deadlines) {
        releaseAttempts++;
        try {
            media.releaseRoom(room);
            roomReleased = true;
            endWhenDone();
        } catch (MediaPlane.MediaPlaneUnavailableException | RuntimeException e) {
            if (releaseAttempts >= MAX_RELEASE_ATTEMPTS) {
                log.error(
                        "Gave up deleting media room {} of {} after {} attempts: {}",
                        room,
                        sessionId,
                        releaseAttempts,
                        e.getMessage());
                roomReleased = true; // given up: LiveKit's empty timeout closes it
                endWhenDone();
                return;
            }
            Duration wait = backoff(releaseAttempts);
            log.warn(
                    "Deleting media room {} failed ({}); retry {} in {}",
                    room,
                    e.getMessage(),
                    releaseAttempts + 1,
                    wait);
            deadlines.schedule(wait, RELEASE, new ReleaseDue(sessionId, releaseAttempts + 1));
        }
    }

    /** Deadline payloads (the first parameter of a deadline handler is its payload). */
    public record ReconcileDue(SessionId sessionId) {}

    public record ReleaseDue(SessionId sessionId, int attempt) {}

    public record RecordingCheckDue(SessionId sessionId) {}

    /** 2 s, 4 s, 8 s ... capped at 5 minutes. */
    static Duration backoff(int attempt) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(attempt - 1, 16);
        return Duration.ofSeconds(Math.min(seconds, 300));
    }
}
