package dev.lectern.events.media;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.recording.RecordingStatus;
import dev.lectern.events.session.MediaGrants;
import dev.lectern.events.session.SessionId;

/**
 * The port to the media plane (LiveKit), shared by the Session aggregate (allocate on start) and the
 * room-lifecycle saga (release after end). A plain interface rather than a record: the one
 * exception in shared-events, because both sides must call it and neither may import the other.
 * Room calls are idempotent per session (allocating an existing room returns it; releasing or removing
 * what is gone is fine); starting a recording is not, so the aggregate does it once, at go-live.
 */
public interface MediaPlane {

    /** False in media-off mode (no {@code LIVEKIT_URL}): classes run control-plane only. */
    boolean enabled();

    /**
     * Creates (or finds) the class's room and returns its name.
     *
     * @throws MediaPlaneUnavailableException when media is on but the media server cannot be reached:
     *                                        the class must not start (kill switch)
     */
    String allocateRoom(TenantId tenant, SessionId session) throws MediaPlaneUnavailableException;

    /** Deletes the room; a room that no longer exists is fine. */
    void releaseRoom(String room) throws MediaPlaneUnavailableException;

    /** Starts recording the room to object storage (LiveKit room-composite egress); returns the recording id. */
    String startRecording(String room, TenantId tenant, SessionId session) throws MediaPlaneUnavailableException;

    /** Stops a recording; one that already ended is fine. */
    void stopRecording(String recordingId) throws MediaPlaneUnavailableException;

    RecordingStatus recordingStatus(String recordingId) throws MediaPlaneUnavailableException;

    /** Disconnects {@code identity} from the room; someone already gone is fine. */
    void removeParticipant(String room, String identity) throws MediaPlaneUnavailableException;

    /** The identities currently in the room (LiveKit ListParticipants); empty when the room is gone. */
    java.util.Set<String> participants(String room) throws MediaPlaneUnavailableException;

    /** Signs a join token for {@code identity} with exactly {@code grants}; no network call. */
    JoinCredentials credentials(String room, String identity, String displayName, MediaGrants grants);

    /** The media plane refused or did not answer in time. */
    final class MediaPlaneUnavailableException extends Exception {
        public MediaPlaneUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
