package dev.lectern.sagas.livekit;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.media.JoinCredentials;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.session.MediaGrants;
import dev.lectern.events.session.SessionId;

/**
 * Media off: no {@code LIVEKIT_URL}, so classes run control plane only (schedule, start, join, permissions,
 * interaction) and the join response says {@code "media": "off"}. Not a fake of LiveKit: it allocates
 * nothing and signs nothing.
 */
final class MediaOffPlane implements MediaPlane {

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public String allocateRoom(TenantId tenant, SessionId session) {
        throw new IllegalStateException("media is off");
    }

    @Override
    public void releaseRoom(String room) {
        // nothing was allocated
    }

    @Override
    public String startRecording(String room, TenantId tenant, SessionId session) {
        throw new IllegalStateException("media is off");
    }

    @Override
    public void stopRecording(String recordingId) {
        // nothing records
    }

    @Override
    public dev.lectern.events.recording.RecordingStatus recordingStatus(String recordingId) {
        return new dev.lectern.events.recording.RecordingStatus(
                dev.lectern.events.recording.RecordingStatus.FAILED, null, 0, 0, "media is off");
    }

    @Override
    public void removeParticipant(String room, String identity) {
        // no room
    }

    @Override
    public java.util.Set<String> participants(String room) {
        return java.util.Set.of();
    }

    @Override
    public JoinCredentials credentials(String room, String identity, String displayName, MediaGrants grants) {
        return new JoinCredentials(null, null);
    }
}
