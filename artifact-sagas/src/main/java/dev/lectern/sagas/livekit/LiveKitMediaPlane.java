package dev.lectern.sagas.livekit;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.media.JoinCredentials;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.recording.RecordingStatus;
import dev.lectern.events.session.MediaGrants;
import dev.lectern.events.session.SessionId;
import dev.lectern.sagas.storage.StorageProperties;
import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.EgressServiceClient;
import io.livekit.server.Hidden;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.livekit.server.RoomServiceClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import livekit.LivekitEgress;
import livekit.LivekitModels;
import okhttp3.OkHttpClient;
import retrofit2.Response;

/**
 * The media plane on LiveKit, through its official server SDK. The SDK blocks (retrofit) and returns
 * HTTP errors as values, so every call checks the status and turns failures and timeouts into
 * {@link MediaPlaneUnavailableException}; callers run it off the event loop. Room names are
 * deterministic per class, so allocating twice finds the same room (LiveKit's CreateRoom is idempotent).
 */
final class LiveKitMediaPlane implements MediaPlane {

    /**
     * A room nobody entered, or everybody left, closes after this long: a class whose teacher and students
     * all drop off for a few minutes (a school network blip) keeps its room; room_finished ends the class.
     */
    static final int EMPTY_TIMEOUT_SECONDS = 600;

    static final int DEPARTURE_TIMEOUT_SECONDS = 600;
    /** Short: LiveKit cannot revoke a token, so a removed participant's token must run out soon. */
    static final Duration TOKEN_TTL = Duration.ofMinutes(30);

    private final RoomServiceClient rooms;
    private final EgressServiceClient egress;
    private final LiveKitProperties properties;
    private final StorageProperties storage;
    private final String clientUrl;

    LiveKitMediaPlane(LiveKitProperties properties, StorageProperties storage, Duration timeout) {
        this.properties = properties;
        this.storage = storage;
        Supplier<OkHttpClient> http = () -> new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout)
                .build();
        this.rooms = RoomServiceClient.Companion.createClient(
                properties.url(), properties.apiKey(), properties.apiSecret(), http);
        this.egress = EgressServiceClient.Companion.createClient(
                properties.url(), properties.apiKey(), properties.apiSecret(), http);
        this.clientUrl =
                properties.publicUrl() != null && !properties.publicUrl().isBlank()
                        ? properties.publicUrl()
                        : properties.url().replaceFirst("^http", "ws");
    }

    /** Where a class's recording goes in the bucket: one folder per tenant and class. */
    static String recordingPath(TenantId tenant, SessionId session) {
        return "recordings/" + tenant.value() + "/" + session.value() + "/{time}.mp4";
    }

    static String roomName(TenantId tenant, SessionId session) {
        return "lectern-" + tenant.value() + "-" + session.value();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String allocateRoom(TenantId tenant, SessionId session) throws MediaPlaneUnavailableException {
        String name = roomName(tenant, session);
        Response<LivekitModels.Room> response = execute(
                "CreateRoom",
                () -> rooms.createRoom(
                                name,
                                EMPTY_TIMEOUT_SECONDS,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                DEPARTURE_TIMEOUT_SECONDS)
                        .execute());
        if (!response.isSuccessful() || response.body() == null) {
            throw new MediaPlaneUnavailableException("LiveKit CreateRoom answered HTTP " + response.code(), null);
        }
        return response.body().getName();
    }

    @Override
    public void releaseRoom(String room) throws MediaPlaneUnavailableException {
        Response<Void> response =
                execute("DeleteRoom", () -> rooms.deleteRoom(room).execute());
        if (!response.isSuccessful() && response.code() != 404) {
            throw new MediaPlaneUnavailableException("LiveKit DeleteRoom answered HTTP " + response.code(), null);
        }
    }

    /**
     * Room-composite egress to our object storage (LiveKit uploads with these S3 credentials; they go
     * server to server, never to a client).
     */
    @Override
    public String startRecording(String room, TenantId tenant, SessionId session)
            throws MediaPlaneUnavailableException {
        LivekitEgress.S3Upload.Builder s3 = LivekitEgress.S3Upload.newBuilder()
                .setBucket(storage.bucket())
                .setRegion(storage.region())
                .setForcePathStyle(storage.pathStyle());
        if (storage.endpoint() != null && !storage.endpoint().isBlank()) {
            s3.setEndpoint(storage.endpoint());
        }
        if (storage.accessKey() != null) {
            s3.setAccessKey(storage.accessKey()).setSecret(storage.secretKey() == null ? "" : storage.secretKey());
        }
        LivekitEgress.EncodedFileOutput output = LivekitEgress.EncodedFileOutput.newBuilder()
                .setFileType(LivekitEgress.EncodedFileType.MP4)
                .setFilepath(recordingPath(tenant, session))
                .setS3(s3)
                .build();
        Response<LivekitEgress.EgressInfo> response = execute(
                "StartRoomCompositeEgress",
                () -> egress.startRoomCompositeEgress(room, output, "speaker").execute());
        if (!response.isSuccessful() || response.body() == null) {
            throw new MediaPlaneUnavailableException(
                    "LiveKit StartRoomCompositeEgress answered HTTP " + response.code(), null);
        }
        return response.body().getEgressId();
    }

    @Override
    public void stopRecording(String recordingId) throws MediaPlaneUnavailableException {
        Response<LivekitEgress.EgressInfo> response =
                execute("StopEgress", () -> egress.stopEgress(recordingId).execute());
        // 404 / 412: the egress already ended (for instance with its room).
        if (!response.isSuccessful() && response.code() != 404 && response.code() != 412) {
            throw new MediaPlaneUnavailableException("LiveKit StopEgress answered HTTP " + response.code(), null);
        }
    }

    @Override
    public RecordingStatus recordingStatus(String recordingId) throws MediaPlaneUnavailableException {
        Response<List<LivekitEgress.EgressInfo>> response =
                execute("ListEgress", () -> egress.listEgress(null, recordingId).execute());
        if (!response.isSuccessful() || response.body() == null) {
            throw new MediaPlaneUnavailableException("LiveKit ListEgress answered HTTP " + response.code(), null);
        }
        return response.body().stream()
                .findFirst()
                .map(LiveKitMediaPlane::status)
                .orElse(new RecordingStatus(RecordingStatus.FAILED, null, 0, 0, "unknown to LiveKit"));
    }

    /** LiveKit's egress state in our terms; the first file result is the recording. */
    static RecordingStatus status(LivekitEgress.EgressInfo info) {
        return switch (info.getStatus()) {
            case EGRESS_COMPLETE ->
                info.getFileResultsList().stream()
                        .findFirst()
                        .map(f -> new RecordingStatus(
                                RecordingStatus.COMPLETE,
                                f.getLocation(),
                                f.getSize(),
                                f.getDuration() / 1_000_000_000L,
                                null))
                        .orElse(new RecordingStatus(RecordingStatus.FAILED, null, 0, 0, "complete without a file"));
            case EGRESS_FAILED, EGRESS_ABORTED, EGRESS_LIMIT_REACHED ->
                new RecordingStatus(RecordingStatus.FAILED, null, 0, 0, info.getStatus() + ": " + info.getError());
            default -> new RecordingStatus(RecordingStatus.ACTIVE, null, 0, 0, null);
        };
    }

    @Override
    public void removeParticipant(String room, String identity) throws MediaPlaneUnavailableException {
        Response<Void> response = execute(
                "RemoveParticipant",
                () -> rooms.removeParticipant(room, identity).execute());
        if (!response.isSuccessful() && response.code() != 404) {
            throw new MediaPlaneUnavailableException(
                    "LiveKit RemoveParticipant answered HTTP " + response.code(), null);
        }
    }

    @Override
    public Set<String> participants(String room) throws MediaPlaneUnavailableException {
        Response<List<LivekitModels.ParticipantInfo>> response =
                execute("ListParticipants", () -> rooms.listParticipants(room).execute());
        if (response.code() == 404) {
            return Set.of();
        }
        if (!response.isSuccessful() || response.body() == null) {
            throw new MediaPlaneUnavailableException("LiveKit ListParticipants answered HTTP " + response.code(), null);
        }
        return response.body().stream()
                .map(LivekitModels.ParticipantInfo::getIdentity)
                .collect(Collectors.toSet());
    }

    @Override
    public JoinCredentials credentials(String room, String identity, String displayName, MediaGrants grants) {
        AccessToken token = new AccessToken(properties.apiKey(), properties.apiSecret());
        token.setIdentity(identity);
        token.setName(displayName);
        token.setTtl(TOKEN_TTL.toMillis());
        token.addGrants(
                new RoomJoin(true),
                new RoomName(room),
                new CanSubscribe(grants.subscribe()),
                new CanPublish(grants.publish()),
                new CanPublishData(grants.publishData()),
                new RoomAdmin(grants.roomAdmin()),
                new Hidden(grants.hidden()));
        return new JoinCredentials(clientUrl, token.toJwt());
    }

    private interface Call<T> {
        Response<T> run() throws IOException;
    }

    private static <T> Response<T> execute(String what, Call<T> call) throws MediaPlaneUnavailableException {
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            throw new MediaPlaneUnavailableException(
                    "LiveKit " + what + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
