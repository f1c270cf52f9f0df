package dev.lectern.query.livestate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lectern.events.LecternEvent;
import dev.lectern.events.attendance.ParticipantJoinedEvent;
import dev.lectern.events.attendance.ParticipantLeftEvent;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ParticipantRevokedEvent;
import dev.lectern.events.session.SessionEndedEvent;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.session.SessionPermissionGrantedEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import dev.lectern.events.session.SessionStartedEvent;
import dev.lectern.query.visibility.Viewer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one fold: what each event does to the class, idempotence, and what each audience is shown. */
class ClassStateReducerTest {

    private static final TenantId TENANT = new TenantId("north-high");
    private static final SessionId SESSION = SessionId.of(UUID.randomUUID());
    private static final UserId TEACHER = new UserId(UUID.randomUUID());
    private static final UserId STUDENT = new UserId(UUID.randomUUID());
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    private List<LecternEvent> aClass() {
        return List.of(
                new SessionScheduledEvent(
                        SESSION, TENANT, "Optics", T0, 45, true, T0.minusSeconds(3600), TEACHER, null, null),
                new SessionStartedEvent(SESSION, TENANT, "teacher@north-high", "room-1", "rec-1", T0),
                new ParticipantJoinedEvent(
                        SESSION, TENANT, TEACHER, "teacher@north-high", "teacher", T0.plusSeconds(1)),
                new ParticipantJoinedEvent(
                        SESSION, TENANT, STUDENT, "student@north-high", "student", T0.plusSeconds(2)),
                new SessionPermissionGrantedEvent(
                        SESSION,
                        TENANT,
                        STUDENT,
                        SessionPermission.PRESENT,
                        "teacher@north-high",
                        "demo",
                        T0.plusSeconds(3)),
                new ParticipantLeftEvent(SESSION, TENANT, STUDENT, T0.plusSeconds(4)));
    }

    private ClassState fold(List<LecternEvent> events) {
        ClassState state = new ClassState();
        long position = 10;
        for (LecternEvent event : events) {
            ClassStateReducer.apply(state, event, position, T0.plusSeconds(position));
            position += 3;
        }
        return state;
    }

    @Test
    void theNameFromTheJoinStaysWhenTheMediaPlaneSeesThePersonBackAndChatCarriesTheAuthorsName() {
        List<LecternEvent> events = new java.util.ArrayList<>(aClass().subList(0, 2));
        events.add(new ParticipantJoinedEvent(
                SESSION, TENANT, STUDENT, "student@north-high", "student", T0.plusSeconds(2), "Sam Student"));
        events.add(new ParticipantLeftEvent(SESSION, TENANT, STUDENT, T0.plusSeconds(3)));
        events.add(new ParticipantJoinedEvent(SESSION, TENANT, STUDENT, null, "student", T0.plusSeconds(4)));
        events.add(new dev.lectern.events.interaction.ChatMessagePostedEvent(
                SESSION,
                TENANT,
                dev.lectern.events.interaction.MessageId.random(),
                STUDENT,
                "student",
                "hi",
                T0.plusSeconds(5),
                "Sam Student"));
        ClassState state = fold(events);

        assertThat(state.roster.get(STUDENT.value().toString()).displayName).isEqualTo("Sam Student");
        assertThat(state.chat.get(0).displayName).isEqualTo("Sam Student");
        JsonNode student = ClassStateView.render(state, new Viewer(STUDENT.value(), "student"), json);
        JsonNode publicViewer = ClassStateView.render(state, new Viewer(UUID.randomUUID(), "public_viewer"), json);
        assertThat(publicViewer.toString()).doesNotContain("Sam Student");
        assertThat(student.at("/roster/" + STUDENT.value() + "/displayName").asText())
                .isEqualTo("Sam Student");
        assertThat(student.at("/chat/0/displayName").asText()).isEqualTo("Sam Student");
    }

    @Test
    void foldsAClassIntoItsLiveState() {
        ClassState state = fold(aClass());
        assertThat(state.status).isEqualTo("live");
        assertThat(state.owner).isEqualTo(TEACHER.value());
        assertThat(state.media.room).isEqualTo("room-1");
        assertThat(state.media.recording.status).isEqualTo("recording");
        ClassState.Participant student = state.roster.get(STUDENT.value().toString());
        assertThat(student.present).isFalse();
        assertThat(student.permissions).containsExactly("present");
        assertThat(state.roster.get(TEACHER.value().toString()).present).isTrue();
        assertThat(state.position).isEqualTo(25);
    }

    @Test
    void anEventAtOrBelowTheStatesPositionChangesNothing() throws Exception {
        ClassState state = fold(aClass());
        String before = json.writeValueAsString(state);
        assertThat(ClassStateReducer.apply(state, new SessionEndedEvent(SESSION, TENANT, "x", T0), 25, T0))
                .isFalse();
        assertThat(ClassStateReducer.apply(state, new SessionEndedEvent(SESSION, TENANT, "x", T0), 7, T0))
                .isFalse();
        assertThat(json.writeValueAsString(state)).isEqualTo(before);
    }

    @Test
    void theSameEventsAlwaysFoldToTheSameDocument() throws Exception {
        assertThat(json.writeValueAsString(fold(aClass()))).isEqualTo(json.writeValueAsString(fold(aClass())));
    }

    @Test
    void endingAClassMarksEveryoneGoneAndRevocationEndsPermissions() {
        List<LecternEvent> events = new java.util.ArrayList<>(aClass());
        events.add(new ParticipantRevokedEvent(
                SESSION, TENANT, STUDENT, "teacher@north-high", "disruptive", T0.plusSeconds(5)));
        events.add(new SessionEndedEvent(SESSION, TENANT, "teacher@north-high", T0.plusSeconds(6)));
        ClassState state = fold(events);
        assertThat(state.status).isEqualTo("ended");
        assertThat(state.roster.values()).noneMatch(p -> p.present);
        assertThat(state.roster.get(STUDENT.value().toString()).permissions).isEmpty();
        assertThat(state.roster.get(STUDENT.value().toString()).revoked).isTrue();
    }

    @Test
    void studentsAndPublicViewersSeeLess() {
        ClassState state = fold(aClass());
        JsonNode staff = ClassStateView.render(state, new Viewer(TEACHER.value(), "teacher"), json);
        JsonNode student = ClassStateView.render(state, new Viewer(STUDENT.value(), "student"), json);
        JsonNode viewer = ClassStateView.render(state, new Viewer(UUID.randomUUID(), "public_viewer"), json);
        assertThat(staff.at("/roster/" + STUDENT.value() + "/subject").asText()).isEqualTo("student@north-high");
        assertThat(student.at("/roster/" + TEACHER.value()).has("subject")).isFalse();
        assertThat(student.at("/roster/" + STUDENT.value() + "/subject").asText())
                .isEqualTo("student@north-high");
        assertThat(viewer.has("roster")).isFalse();
        assertThat(viewer.get("present").asInt()).isEqualTo(1);
    }

    @Test
    void liveEventsAreRedactedPerAudienceAndAboutPeopleNotShownToThePublic() throws Exception {
        SessionPermissionGrantedEvent granted = new SessionPermissionGrantedEvent(
                SESSION, TENANT, STUDENT, SessionPermission.PRESENT, "teacher@north-high", "demo", T0);
        LiveEvent event = new LiveEvent(
                TENANT.value(), SESSION.value(), 42, 40, "permission.granted", T0, json.valueToTree(granted));
        JsonNode staff = json.readTree(event.renderFor(new Viewer(TEACHER.value(), "teacher"), json));
        JsonNode student = json.readTree(event.renderFor(new Viewer(UUID.randomUUID(), "student"), json));
        assertThat(staff.at("/payload/grantedBy").asText()).isEqualTo("teacher@north-high");
        assertThat(student.at("/payload").has("grantedBy")).isFalse();
        assertThat(student.at("/payload").has("reason")).isFalse();
        assertThat(student.get("position").asLong()).isEqualTo(42);
        assertThat(event.renderFor(new Viewer(UUID.randomUUID(), "public_viewer"), json))
                .isNull();
        assertThat(event.subjectUser()).isEqualTo(STUDENT.value());
    }
}
