package dev.lectern.platform.course;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Courses, lessons and the roster: who may see (and later join) a lesson's classes. */
class CourseIT extends PlatformIT {

    @Autowired
    ObjectMapper json;

    private String school;
    private String teacher;
    private String course;

    @BeforeEach
    void aCourseOfItsTeacher() throws IOException {
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        course = body(as(teacher, client().post().uri("/courses"))
                        .bodyValue(Map.of("title", "Biology 9"))
                        .exchange()
                        .expectStatus()
                        .isCreated())
                .get("courseId")
                .asText();
    }

    @Test
    void theCreatorTeachesTheCourseAndEnrolsStudentsAudited() throws IOException {
        String student = userId("student@" + school);
        JsonNode enrolled = body(as(teacher, client().put().uri("/courses/" + course + "/enrollments/" + student))
                .bodyValue(Map.of("role", "student"))
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(enrolled.get("changed").asBoolean()).isTrue();
        assertThat(body(as(teacher, client().put().uri("/courses/" + course + "/enrollments/" + student))
                                .bodyValue(Map.of("role", "student"))
                                .exchange()
                                .expectStatus()
                                .isOk())
                        .get("changed")
                        .asBoolean())
                .isFalse();

        JsonNode roster = body(client().get()
                .uri("/courses/" + course + "/roster")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(roster.get("members").findValuesAsText("subject"))
                .containsExactlyInAnyOrder("teacher@" + school, "student@" + school);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM audit_log WHERE tenant_id = ? AND action = 'enrollment.set'",
                        Long.class,
                        school))
                .isEqualTo(1);
    }

    @Test
    void aLessonsClassIsVisibleToTheRosterOnly() throws IOException {
        String lesson = body(as(teacher, client().post().uri("/lessons"))
                        .bodyValue(Map.of("courseId", course, "title", "Cells"))
                        .exchange()
                        .expectStatus()
                        .isCreated())
                .get("lessonId")
                .asText();
        as(teacher, client().put().uri("/courses/" + course + "/enrollments/" + userId("student@" + school)))
                .bodyValue(Map.of("role", "student"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        directory.ensureUserWithRole(new TenantId(school), "outsider@" + school, "Outsider", Role.STUDENT, "test");

        String session = body(postSession(
                                school,
                                newKey(),
                                scheduleBody("Cells, live").replace("}", ",\"lessonId\":\"" + lesson + "\"}"))
                        .expectStatus()
                        .isCreated())
                .get("sessionId")
                .asText();

        Map<String, Object> event = jdbc.queryForMap("""
                SELECT payload->>'lessonId' AS lesson, payload->>'courseId' AS course
                FROM session_state_events_readable WHERE session_id = ?::uuid""", session);
        assertThat(event).containsEntry("lesson", lesson).containsEntry("course", course);
        String enrolledStudent = token(school, Role.STUDENT);
        String outsider = issuer.mint(new TenantId(school), "outsider@" + school, Duration.ofMinutes(5));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> client().get()
                        .uri("/sessions/" + session)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + enrolledStudent)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.courseId")
                        .isEqualTo(course));
        client().get()
                .uri("/sessions/" + session)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + outsider)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void aTeacherOfAnotherCourseCannotManageThisOneAndIsAudited() throws IOException {
        directory.ensureUserWithRole(new TenantId(school), "colleague@" + school, "Colleague", Role.TEACHER, "test");
        String colleague = issuer.mint(new TenantId(school), "colleague@" + school, Duration.ofMinutes(5));

        body(as(colleague, client().post().uri("/lessons"))
                .bodyValue(Map.of("courseId", course, "title", "Hijack"))
                .exchange()
                .expectStatus()
                .isForbidden());

        assertThat(jdbc.queryForObject("SELECT count(*) FROM lessons WHERE tenant_id = ?", Long.class, school))
                .isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log WHERE tenant_id = ? AND actor_subject = ? AND outcome = 'denied'""", Long.class, school, "colleague@" + school))
                .isEqualTo(1);
    }

    @Test
    void badInputIsAClearError() throws IOException {
        String student = userId("student@" + school);
        assertThat(body(as(teacher, client().put().uri("/courses/" + course + "/enrollments/" + student))
                                .bodyValue(Map.of("role", "admin"))
                                .exchange()
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(body(as(teacher, client().post().uri("/lessons"))
                                .bodyValue(Map.of("courseId", "nope", "title", "X"))
                                .exchange()
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(body(postSession(
                                        school,
                                        newKey(),
                                        scheduleBody("X")
                                                .replace(
                                                        "}", ",\"lessonId\":\"3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b\"}"))
                                .expectStatus()
                                .isNotFound())
                        .get("code")
                        .asText())
                .isEqualTo("LESSON_NOT_FOUND");
        assertThat(body(postSession(school, newKey(), scheduleBody("X").replace("}", ",\"lessonId\":\"42\"}"))
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
    }

    private String userId(String subject) {
        return jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?", String.class, school, subject);
    }

    private WebTestClient.RequestBodySpec as(String token, WebTestClient.RequestBodySpec request) {
        return request.contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey());
    }

    private JsonNode body(WebTestClient.ResponseSpec response) throws IOException {
        return json.readTree(response.expectBody().returnResult().getResponseBody());
    }
}
