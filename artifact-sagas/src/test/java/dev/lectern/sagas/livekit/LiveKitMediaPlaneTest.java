package dev.lectern.sagas.livekit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.media.JoinCredentials;
import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.recording.RecordingStatus;
import dev.lectern.events.session.MediaGrants;
import dev.lectern.events.session.SessionId;
import dev.lectern.sagas.storage.StorageProperties;
import java.time.Duration;
import java.util.Map;
import livekit.LivekitEgress;
import livekit.LivekitModels;
import livekit.LivekitRoom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LiveKit adapter against LiveKit's Twirp API faked at the wire (WireMock, protobuf bodies), with
 * the real SDK on our side; tokens are verified with the JWT library LiveKit's SDK signs them with.
 */
class LiveKitMediaPlaneTest {

    private static final String KEY = "devkey";
    private static final String SECRET = "secret-secret-secret-secret-secret";
    private static final String CREATE_ROOM = "/twirp/livekit.RoomService/CreateRoom";

    private WireMockServer livekit;
    private LiveKitMediaPlane media;
    private final TenantId tenant = new TenantId("north-high");
    private final SessionId session = SessionId.random();

    @BeforeEach
    void start() {
        livekit = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        livekit.start();
        media = new LiveKitMediaPlane(
                new LiveKitProperties("http://localhost:" + livekit.port(), null, KEY, SECRET),
                new StorageProperties(
                        "http://minio:9000", "minio-key", "minio-secret", "lectern-artifacts", "us-east-1", true),
                Duration.ofMillis(2500)); // generous: a first call on a loaded CI machine pays class loading and JIT
    }

    @AfterEach
    void stop() {
        livekit.stop();
    }

    @Test
    void allocatingARoomCallsCreateRoomWithARoomCreateGrant() throws Exception {
        String name = LiveKitMediaPlane.roomName(tenant, session);
        livekit.stubFor(post(urlEqualTo(CREATE_ROOM))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitModels.Room.newBuilder()
                                .setName(name)
                                .setSid("RM_1")
                                .build()
                                .toByteArray())));

        assertThat(media.allocateRoom(tenant, session)).isEqualTo(name);

        livekit.verify(
                postRequestedFor(urlEqualTo(CREATE_ROOM)).withHeader("Content-Type", equalTo("application/protobuf")));
        LivekitRoom.CreateRoomRequest sent = LivekitRoom.CreateRoomRequest.parseFrom(
                livekit.getAllServeEvents().get(0).getRequest().getBody());
        assertThat(sent.getEmptyTimeout()).isEqualTo(LiveKitMediaPlane.EMPTY_TIMEOUT_SECONDS);
        assertThat(sent.getDepartureTimeout()).isEqualTo(LiveKitMediaPlane.DEPARTURE_TIMEOUT_SECONDS);
        String bearer = livekit.getAllServeEvents()
                .get(0)
                .getRequest()
                .getHeader("Authorization")
                .substring("Bearer ".length());
        Map<String, Object> video = verify(bearer).getClaim("video").asMap();
        assertThat(video).containsEntry("roomCreate", true);
    }

    @Test
    void aServerErrorOrATimeoutIsAnUnavailableMediaPlane() {
        livekit.stubFor(post(urlEqualTo(CREATE_ROOM)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> media.allocateRoom(tenant, session))
                .isInstanceOf(MediaPlane.MediaPlaneUnavailableException.class)
                .hasMessageContaining("503");

        livekit.resetAll();
        livekit.stubFor(post(urlEqualTo(CREATE_ROOM))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(8000)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitModels.Room.newBuilder()
                                .setName("late")
                                .build()
                                .toByteArray())));
        assertThatThrownBy(() -> media.allocateRoom(tenant, session))
                .isInstanceOf(MediaPlane.MediaPlaneUnavailableException.class);
    }

    @Test
    void removingAParticipantCallsRemoveParticipant() throws Exception {
        livekit.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/RemoveParticipant"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(new byte[0])));
        media.removeParticipant("room-1", "user-1");
        LivekitRoom.RoomParticipantIdentity sent = LivekitRoom.RoomParticipantIdentity.parseFrom(
                livekit.getAllServeEvents().get(0).getRequest().getBody());
        assertThat(sent.getRoom()).isEqualTo("room-1");
        assertThat(sent.getIdentity()).isEqualTo("user-1");
        assertThat(grantOfLastCall()).containsEntry("roomAdmin", true).containsEntry("room", "room-1");
    }

    private Map<String, Object> grantOfLastCall() {
        String bearer = livekit.getAllServeEvents()
                .get(0)
                .getRequest()
                .getHeader("Authorization")
                .substring("Bearer ".length());
        return verify(bearer).getClaim("video").asMap();
    }

    @Test
    void releasingARoomThatIsGoneIsFine() throws Exception {
        livekit.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/DeleteRoom"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"not_found\",\"msg\":\"room not found\"}")));
        media.releaseRoom("lectern-gone");
        assertThat(grantOfLastCall()).containsEntry("roomCreate", true);
    }

    @Test
    void listingParticipantsAsksAsRoomAdminOfThatRoom() throws Exception {
        livekit.stubFor(post(urlEqualTo("/twirp/livekit.RoomService/ListParticipants"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitRoom.ListParticipantsResponse.newBuilder()
                                .addParticipants(LivekitModels.ParticipantInfo.newBuilder()
                                        .setIdentity("user-7"))
                                .build()
                                .toByteArray())));

        assertThat(media.participants("room-1")).containsExactly("user-7");
        assertThat(grantOfLastCall()).containsEntry("roomAdmin", true).containsEntry("room", "room-1");
    }

    @Test
    void recordingStartsARoomCompositeEgressIntoOurBucketWithARoomRecordGrant() throws Exception {
        livekit.stubFor(post(urlEqualTo("/twirp/livekit.Egress/StartRoomCompositeEgress"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/protobuf")
                        .withBody(LivekitEgress.EgressInfo.newBuilder()
                                .setEgressId("EG_42")
                                .build()
                                .toByteArray())));

        assertThat(media.startRecording("room-1", tenant, session)).isEqualTo("EG_42");

        var request = livekit.getAllServeEvents().get(0).getRequest();
        assertThat(verify(request.getHeader("Authorization").substring(7))
                        .getClaim("video")
                        .asMap())
                .containsEntry("roomRecord", true);
        LivekitEgress.RoomCompositeEgressRequest sent =
                LivekitEgress.RoomCompositeEgressRequest.parseFrom(request.getBody());
        assertThat(sent.getRoomName()).isEqualTo("room-1");
        LivekitEgress.EncodedFileOutput file = sent.getFileOutputsCount() > 0 ? sent.getFileOutputs(0) : sent.getFile();
        assertThat(file.getS3().getBucket()).isEqualTo("lectern-artifacts");
        assertThat(file.getS3().getEndpoint()).isEqualTo("http://minio:9000");
        assertThat(file.getFilepath()).startsWith("recordings/north-high/" + session.value() + "/");
    }

    @Test
    void egressStatesMapToRecordingStates() {
        LivekitEgress.EgressInfo complete = LivekitEgress.EgressInfo.newBuilder()
                .setEgressId("EG_1")
                .setStatus(LivekitEgress.EgressStatus.EGRESS_COMPLETE)
                .addFileResults(LivekitEgress.FileInfo.newBuilder()
                        .setLocation("s3://lectern-artifacts/r.mp4")
                        .setSize(2048)
                        .setDuration(90_000_000_000L))
                .build();
        assertThat(LiveKitMediaPlane.status(complete))
                .isEqualTo(
                        new RecordingStatus(RecordingStatus.COMPLETE, "s3://lectern-artifacts/r.mp4", 2048, 90, null));
        assertThat(LiveKitMediaPlane.status(complete.toBuilder()
                                .setStatus(LivekitEgress.EgressStatus.EGRESS_ACTIVE)
                                .build())
                        .settled())
                .isFalse();
        assertThat(LiveKitMediaPlane.status(complete.toBuilder()
                                .setStatus(LivekitEgress.EgressStatus.EGRESS_FAILED)
                                .setError("disk full")
                                .build())
                        .state())
                .isEqualTo(RecordingStatus.FAILED);
    }

    @Test
    void joinTokensCarryExactlyTheGrantsOfTheClassRole() {
        JoinCredentials student =
                media.credentials("room-1", "user-1", "Sam", new MediaGrants(true, false, true, false, false));
        DecodedJWT jwt = verify(student.token());
        Map<String, Object> video = jwt.getClaim("video").asMap();

        assertThat(student.url()).startsWith("ws://localhost:");
        assertThat(jwt.getSubject()).isEqualTo("user-1");
        assertThat(jwt.getClaim("name").asString()).isEqualTo("Sam");
        assertThat(video)
                .containsEntry("roomJoin", true)
                .containsEntry("room", "room-1")
                .containsEntry("canPublish", false)
                .containsEntry("canSubscribe", true)
                .containsEntry("canPublishData", true)
                .containsEntry("roomAdmin", false)
                .containsEntry("hidden", false);

        Map<String, Object> viewer = verify(
                        media.credentials("room-1", "user-2", "Val", new MediaGrants(true, false, false, false, true))
                                .token())
                .getClaim("video")
                .asMap();
        assertThat(viewer).containsEntry("hidden", true).containsEntry("canPublishData", false);
        assertThat(student.token()).doesNotContain(SECRET);
        assertThat(jwt.getExpiresAt().getTime() - System.currentTimeMillis())
                .isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
    }

    private static DecodedJWT verify(String token) {
        return JWT.require(Algorithm.HMAC256(SECRET)).withIssuer(KEY).build().verify(token);
    }
}
