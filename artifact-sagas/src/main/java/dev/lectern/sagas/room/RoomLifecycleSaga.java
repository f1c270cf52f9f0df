package dev.lectern.sagas.room;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.session.ReconcileAttendanceCommand;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionStartedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The media room of one live class. While the class is live it reconciles attendance with the room
 * every {@link #RECONCILE_EVERY} (LiveKit does not guarantee webhook delivery); when the class ends it
 * deletes the room, retrying with exponential backoff. Every path ends the saga: media off (nothing
 * to manage), the room released, or the retries exhausted (logged for an operator; LiveKit's empty
 * timeout closes the room anyway). Deadlines are durable (db-scheduler). Fields hold only state.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class RoomLifecycleSaga {

    static final String ASSOCIATION = "sessionId";
    static final String RECONCILE = "reconcile-attendance";
    static final String RELEASE = "release-room";
    static final Duration RECONCILE_EVERY = Duration.ofSeconds(60);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final int MAX_RELEASE_ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(RoomLifecycleSaga.class);

    private SessionId sessionId;
    private TenantId tenantId;
    private String room;
    private int releaseAttempts;

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
        deadlines.schedule(RECONCILE_EVERY, RECONCILE, new ReconcileDue(sessionId));
    }

    @DeadlineHandler(deadlineName = RECONCILE)
    public void reconcile(ReconcileDue due, MediaPlane media, CommandGateway commands, DeadlineManager deadlines) {
        try {
            Set<UserId> inRoom = media.participants(room).stream().map(UserId::parse).flatMap(Optional::stream)
                                      .collect(Collectors.toSet());
            commands.sendAndWait(new ReconcileAttendanceCommand(sessionId, tenantId, inRoom));
        } catch (MediaPlane.MediaPlaneUnavailableException | RuntimeException e) {
            log.warn("Attendance reconciliation for {} failed ({}); next try in {}", sessionId, e.getMessage(), RECONCILE_EVERY);
        }
        deadlines.schedule(RECONCILE_EVERY, RECONCILE, new ReconcileDue(sessionId));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(SessionEndedEvent event, MediaPlane media, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(RECONCILE);
        release(media, deadlines);
    }

    @DeadlineHandler(deadlineName = RELEASE)
    public void retryRelease(ReleaseDue due, MediaPlane media, DeadlineManager deadlines) {
        release(media, deadlines);
    }

    private void release(MediaPlane media, DeadlineManager deadlines) {
        releaseAttempts++;
        try {
            media.releaseRoom(room);
            SagaLifecycle.end();
        } catch (MediaPlane.MediaPlaneUnavailableException | RuntimeException e) {
            if (releaseAttempts >= MAX_RELEASE_ATTEMPTS) {
                log.error("Gave up deleting media room {} of {} after {} attempts: {}", room, sessionId, releaseAttempts,
                        e.getMessage());
                SagaLifecycle.end();
                return;
            }
            Duration wait = backoff(releaseAttempts);
            log.warn("Deleting media room {} failed ({}); retry {} in {}", room, e.getMessage(), releaseAttempts + 1, wait);
            deadlines.schedule(wait, RELEASE, new ReleaseDue(sessionId, releaseAttempts + 1));
        }
    }

    /** Deadline payloads (the first parameter of a deadline handler is its payload). */
    public record ReconcileDue(SessionId sessionId) {
    }

    public record ReleaseDue(SessionId sessionId, int attempt) {
    }

    /** 2 s, 4 s, 8 s ... capped at 5 minutes. */
    static Duration backoff(int attempt) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(attempt - 1, 16);
        return Duration.ofSeconds(Math.min(seconds, 300));
    }
}
