package dev.lectern.platform.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriBuilder;

/**
 * {@code GET /sessions} and {@code GET /courses/{courseId}/sessions} (docs/adr/0026-class-lists-visibility.md): each
 * person lists exactly the classes {@code GET /sessions/{id}} shows them, with the role {@link ClassRoles} gives them;
 * another school's classes never; pages in start order without gaps or duplicates; filters; and a 400 naming the
 * parameter for anything the query string cannot mean.
 */
class ClassListIT extends PlatformIT {

    @Autowired
    ObjectMapper json;

    private String school;
    private String otherSchool;
    private Instant base;

    /** Subject -> bearer token, for everyone whose lists are checked. */
    private final Map<String, String> people = new LinkedHashMap<>();

    private String course;
    private String colleagueCourse;
    private String adHoc;
    private String ofCourse;
    private String colleagueAdHoc;
    private String ofColleagueCourse;
    private String otherSchoolsClass;

    /**
     * School A: its teacher's course (student and assistant enrolled) with one class and one ad-hoc class; a colleague's
     * course (nobody else enrolled) with one class and one ad-hoc class; a student who is on no course. School B: one
     * ad-hoc class.
     */
    @BeforeEach
    void twoTeachersOfOneSchoolAndAnotherSchool() throws IOException {
        school = newTenant();
        otherSchool = newTenant();
        base = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        directory.ensureUserWithRole(new TenantId(school), "colleague@" + school, "Colleague", Role.TEACHER, "test");
        directory.ensureUserWithRole(new TenantId(school), "outsider@" + school, "Outsider", Role.STUDENT, "test");
        for (Role role : Role.values()) {
            people.put(role.value() + "@" + school, token(school, role));
        }
        people.put("colleague@" + school, mint(school, "colleague@" + school));
        people.put("outsider@" + school, mint(school, "outsider@" + school));
        people.put("nobody@" + school, mint(school, "nobody@" + school));

        String teacher = people.get("teacher@" + school);
        String colleague = people.get("colleague@" + school);
        course = createCourse(teacher, "Biology 9");
        enrol(teacher, course, "student@" + school, "student");
        enrol(teacher, course, "assistant@" + school, "assistant");
        colleagueCourse = createCourse(colleague, "Chemistry 10");

        adHoc = schedule(teacher, "Assembly", base, null);
        ofCourse = schedule(teacher, "Cells", base.plus(1, ChronoUnit.HOURS), lesson(teacher, course));
        colleagueAdHoc = schedule(colleague, "Open lab", base.plus(2, ChronoUnit.HOURS), null);
        ofColleagueCourse =
                schedule(colleague, "Acids", base.plus(3, ChronoUnit.HOURS), lesson(colleague, colleagueCourse));
        otherSchoolsClass = schedule(token(otherSchool, Role.TEACHER), "Elsewhere", base, null);
        awaitListed(school, 4);
        awaitListed(otherSchool, 1);
    }

    @Test
    void eachRoleListsItsOwnClassesWithItsRoleInThem() throws IOException {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        expected.put("teacher@" + school, Map.of(adHoc, "teacher", ofCourse, "teacher", colleagueAdHoc, "assistant"));
        expected.put(
                "colleague@" + school,
                Map.of(adHoc, "assistant", colleagueAdHoc, "teacher", ofColleagueCourse, "teacher"));
        expected.put(
                "assistant@" + school, Map.of(adHoc, "assistant", ofCourse, "assistant", colleagueAdHoc, "assistant"));
        expected.put("student@" + school, Map.of(adHoc, "student", ofCourse, "student", colleagueAdHoc, "student"));
        expected.put("outsider@" + school, Map.of(adHoc, "student", colleagueAdHoc, "student"));
        expected.put("public_viewer@" + school, Map.of(adHoc, "public_viewer", colleagueAdHoc, "public_viewer"));
        expected.put(
                "admin@" + school,
                Map.of(
                        adHoc, "assistant",
                        ofCourse, "assistant",
                        colleagueAdHoc, "assistant",
                        ofColleagueCourse, "assistant"));
        expected.put(
                "auditor@" + school,
                Map.of(adHoc, "auditor", ofCourse, "auditor", colleagueAdHoc, "auditor", ofColleagueCourse, "auditor"));

        for (Map.Entry<String, Map<String, String>> person : expected.entrySet()) {
            List<JsonNode> listed = listAll(people.get(person.getKey()), "/sessions", 100);
            Map<String, String> roles = new HashMap<>();
            listed.forEach(item ->
                    roles.put(item.get("sessionId").asText(), item.get("role").asText()));
            assertThat(roles).as(person.getKey()).isEqualTo(person.getValue());
        }

        JsonNode first =
                listAll(people.get("student@" + school), "/sessions", 100).get(1);
        assertThat(first.get("sessionId").asText()).isEqualTo(ofCourse);
        assertThat(first.get("title").asText()).isEqualTo("Cells");
        assertThat(first.get("status").asText()).isEqualTo("scheduled");
        assertThat(Instant.parse(first.get("startsAt").asText())).isEqualTo(base.plus(1, ChronoUnit.HOURS));
        assertThat(first.get("durationMinutes").asInt()).isEqualTo(45);
        assertThat(first.get("courseId").asText()).isEqualTo(course);
        assertThat(first.get("lessonId").asText()).isNotBlank();
        assertThat(first.get("links").get("self").asText()).isEqualTo("/sessions/" + ofCourse);
        assertThat(first.get("links").get("state").asText()).isEqualTo("/sessions/" + ofCourse + "/state");
        assertThat(first.get("links").get("stream").asText()).isEqualTo("/sessions/" + ofCourse + "/stream");
        JsonNode audited =
                listAll(people.get("auditor@" + school), "/sessions", 100).get(0);
        assertThat(audited.get("links").get("events").asText()).isEqualTo("/sessions/" + adHoc + "/events");
        assertThat(audited.get("links").has("stream")).isFalse();
    }

    /**
     * The equivalence the rule promises: for every person and every class of both schools, listed exactly when
     * {@code GET /sessions/{id}} answers 200, and listed with the role {@link ClassRoles#of} computes from the
     * person's roles and enrolments (auditors without a class role: "auditor").
     */
    @Test
    void everyoneListsExactlyTheClassesTheyCanReadWithTheRoleClassRolesGivesThem() throws IOException {
        List<String> classes = List.of(adHoc, ofCourse, colleagueAdHoc, ofColleagueCourse, otherSchoolsClass);
        people.put("teacher@" + otherSchool, token(otherSchool, Role.TEACHER));
        people.put("admin@" + otherSchool, token(otherSchool, Role.ADMIN));
        people.put("auditor@" + otherSchool, token(otherSchool, Role.AUDITOR));
        for (Map.Entry<String, String> person : people.entrySet()) {
            String subject = person.getKey();
            if (subject.startsWith("nobody@")) {
                continue;
            }
            Map<String, String> listed = new HashMap<>();
            for (JsonNode item : listAll(person.getValue(), "/sessions", 2)) {
                listed.put(item.get("sessionId").asText(), item.get("role").asText());
            }
            Map<String, String> readable = new HashMap<>();
            for (String session : classes) {
                int status = get(person.getValue(), "/sessions/" + session)
                        .getStatus()
                        .value();
                assertThat(status).as(subject + " GET " + session).isIn(200, 404);
                if (status == 200) {
                    readable.put(session, expectedRole(subject, session).orElse("none"));
                } else {
                    assertThat(expectedRole(subject, session))
                            .as(subject + " " + session)
                            .isEmpty();
                }
            }
            assertThat(listed).as(subject).isEqualTo(readable);
        }
    }

    @Test
    void aCoursesListHoldsItsClassesOnlyAndAnUnknownCourseIsNotFound() throws IOException {
        String student = people.get("student@" + school);
        assertThat(ids(listAll(student, "/courses/" + course + "/sessions", 100)))
                .containsExactly(ofCourse);
        assertThat(ids(listAll(people.get("admin@" + school), "/courses/" + colleagueCourse + "/sessions", 100)))
                .containsExactly(ofColleagueCourse);
        // A course of the school the caller is not on: it exists, and none of its classes is theirs.
        assertThat(listAll(student, "/courses/" + colleagueCourse + "/sessions", 100))
                .isEmpty();

        for (String unknown : List.of(UUID.randomUUID().toString(), courseOfOtherSchool())) {
            JsonNode problem = problem(get(student, "/courses/" + unknown + "/sessions"), 404);
            assertThat(problem.get("code").asText()).isEqualTo("COURSE_NOT_FOUND");
        }
        JsonNode notAUuid = problem(get(student, "/courses/nope/sessions"), 400);
        assertThat(notAUuid.get("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void schoolBNeverSeesSchoolAsClasses() throws IOException {
        for (Role role : EnumSet.of(Role.ADMIN, Role.AUDITOR, Role.TEACHER, Role.STUDENT, Role.PUBLIC_VIEWER)) {
            assertThat(ids(listAll(token(otherSchool, role), "/sessions", 100)))
                    .as(role.value())
                    .containsExactly(otherSchoolsClass);
            problem(get(token(otherSchool, role), "/courses/" + course + "/sessions"), 404);
        }
    }

    @Test
    void pagesFollowTheStartThenTheIdWithoutGapsOrDuplicates() throws IOException {
        String teacher = people.get("teacher@" + school);
        // Three more classes at the same start as the ad-hoc class: the id breaks the tie.
        List<String> mine = new ArrayList<>(List.of(adHoc, ofCourse));
        for (int i = 0; i < 3; i++) {
            mine.add(schedule(teacher, "Tie " + i, base, null));
        }
        mine.add(schedule(teacher, "Later", base.plus(5, ChronoUnit.HOURS), null));
        awaitListed(school, 8);
        List<JsonNode> all = listAll(teacher, "/sessions", 100);
        List<JsonNode> paged = listAll(teacher, "/sessions", 2);
        assertThat(ids(paged)).isEqualTo(ids(all)).doesNotHaveDuplicates().hasSize(7);
        assertThat(ids(paged)).containsAll(mine).contains(colleagueAdHoc);
        // Start, then id; PostgreSQL orders UUIDs bytewise, as their lower-case text sorts.
        List<String> expected = all.stream()
                .sorted(java.util.Comparator.<JsonNode, Instant>comparing(
                                item -> Instant.parse(item.get("startsAt").asText()))
                        .thenComparing(item -> item.get("sessionId").asText()))
                .map(item -> item.get("sessionId").asText())
                .toList();
        assertThat(ids(all)).isEqualTo(expected);
        assertThat(ids(all).get(ids(all).size() - 1)).isEqualTo(mine.get(mine.size() - 1));

        JsonNode page = body(get(teacher, "/sessions?limit=3"));
        assertThat(page.get("sessions")).hasSize(3);
        assertThat(page.get("next").asText()).startsWith("/sessions?after=").contains("limit=3");
        assertThat(page.get("next").asText()).contains(page.get("nextAfter").asText());
        JsonNode last = body(get(teacher, "/sessions?limit=7"));
        assertThat(last.get("sessions")).hasSize(7);
        assertThat(last.has("next")).isFalse();
    }

    @Test
    void filtersByStatusAndByTheScheduledStart() throws IOException {
        String teacher = people.get("teacher@" + school);
        String colleague = people.get("colleague@" + school);
        post(teacher, "/sessions/" + adHoc + "/start");
        post(colleague, "/sessions/" + colleagueAdHoc + "/start");
        post(colleague, "/sessions/" + colleagueAdHoc + "/end");
        cancel(teacher, ofCourse);
        Map<String, String> statuses =
                Map.of(adHoc, "live", colleagueAdHoc, "ended", ofCourse, "cancelled", ofColleagueCourse, "scheduled");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, String> projected = new HashMap<>();
            jdbc.queryForList("SELECT session_id::text AS id, status FROM sessions WHERE tenant_id = ?", school)
                    .forEach(row -> projected.put((String) row.get("id"), (String) row.get("status")));
            assertThat(projected).isEqualTo(statuses);
        });

        assertThat(ids(listAll(teacher, "/sessions?status=live", 100))).containsExactly(adHoc);
        assertThat(ids(listAll(teacher, "/sessions?status=cancelled,ended", 100)))
                .containsExactly(ofCourse, colleagueAdHoc);
        assertThat(ids(listAll(teacher, "/sessions?status=live&status=cancelled", 1)))
                .containsExactly(adHoc, ofCourse);
        assertThat(ids(listAll(people.get("admin@" + school), "/sessions?status=scheduled", 100)))
                .containsExactly(ofColleagueCourse);

        String admin = people.get("admin@" + school);
        String from = base.plus(1, ChronoUnit.HOURS).toString();
        String to = base.plus(3, ChronoUnit.HOURS).toString();
        assertThat(ids(listAll(admin, "/sessions?from=" + from + "&to=" + to, 1)))
                .as("from inclusive, to exclusive")
                .containsExactly(ofCourse, colleagueAdHoc);
        assertThat(ids(listAll(admin, "/sessions?from=" + to, 100))).containsExactly(ofColleagueCourse);
        assertThat(ids(listAll(admin, "/sessions?to=" + from, 100))).containsExactly(adHoc);
        assertThat(ids(listAll(admin, "/sessions?from=" + from + "&to=" + from, 100)))
                .isEmpty();
        assertThat(ids(listAll(admin, "/courses/" + course + "/sessions?status=cancelled&from=" + from, 100)))
                .containsExactly(ofCourse);
    }

    @Test
    void aQueryStringItCannotMeanIsA400NamingTheParameter() throws IOException {
        String student = people.get("student@" + school);
        Map<String, List<String>> refusals = new LinkedHashMap<>();
        refusals.put("status", List.of("unknown", "LIVE", "live,", "", " live", "live\u0000", "\u0007"));
        refusals.put("limit", List.of("0", "-1", "1001", "99999999999999999999", "ten", "\u0000", "1\u001f"));
        refusals.put(
                "from",
                List.of(
                        "+10000-01-01T00:00:00Z",
                        "1969-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z",
                        "tomorrow",
                        "",
                        "2026-01-01T00:00:00Z\u0000"));
        refusals.put("to", List.of("+275760-09-13T00:00:00Z", "2026-13-01T00:00:00Z", "\u0001"));
        refusals.put("after", List.of("", "x", "\u0000", "not-a-cursor!", "a".repeat(500), cursorOf("nope|nope")));
        for (String path : List.of("/sessions", "/courses/" + course + "/sessions")) {
            for (Map.Entry<String, List<String>> parameter : refusals.entrySet()) {
                for (String value : parameter.getValue()) {
                    EntityExchangeResult<byte[]> result = get(
                            student,
                            builder -> builder.path(path)
                                    .queryParam(parameter.getKey(), "{value}")
                                    .build(value));
                    JsonNode problem = problem(result, 400);
                    assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
                    assertThat(problem.at("/errors/0/parameter").asText())
                            .as(path + " " + parameter.getKey() + "=" + value.replace("\u0000", "\\0"))
                            .isEqualTo(parameter.getKey());
                }
            }
        }
        JsonNode reversed = problem(get(student, "/sessions?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z"), 400);
        assertThat(reversed.at("/errors/0/parameter").asText()).isEqualTo("from");
    }

    @Test
    void withoutATokenIs401AndWithoutARoleIs403() throws IOException {
        for (String path : List.of("/sessions", "/courses/" + course + "/sessions")) {
            EntityExchangeResult<byte[]> anonymous =
                    client().get().uri(path).exchange().expectBody().returnResult();
            problem(anonymous, 401);
            problem(get(people.get("nobody@" + school), path), 403);
        }
    }

    // --- the school's people and classes

    private Optional<String> expectedRole(String subject, String session) {
        String tenant = subject.substring(subject.indexOf('@') + 1);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT tenant_id, teacher_id, course_id FROM sessions WHERE session_id = ?::uuid", session);
        if (!tenant.equals(row.get("tenant_id"))) {
            return Optional.empty();
        }
        UUID user = jdbc.queryForObject(
                "SELECT user_id FROM users WHERE tenant_id = ? AND subject = ?", UUID.class, tenant, subject);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.queryForList("SELECT role FROM user_roles WHERE tenant_id = ? AND user_id = ?", String.class, tenant, user)
                .forEach(role -> Role.parse(role).ifPresent(roles::add));
        UUID courseId = (UUID) row.get("course_id");
        Map<UUID, String> enrollments = new HashMap<>();
        if (courseId != null) {
            jdbc.queryForList(
                            "SELECT role FROM enrollments WHERE tenant_id = ? AND course_id = ? AND user_id = ?",
                            String.class,
                            tenant,
                            courseId,
                            user)
                    .forEach(role -> enrollments.put(courseId, role));
        }
        Actor actor = new Actor(new TenantId(tenant), subject, new UserId(user), roles);
        UUID teacher = (UUID) row.get("teacher_id");
        Optional<String> classRole = ClassRoles.of(
                actor,
                teacher == null ? null : new UserId(teacher),
                courseId == null ? null : dev.lectern.events.course.CourseId.of(courseId),
                enrollments);
        return classRole.isPresent() || !roles.contains(Role.AUDITOR) ? classRole : Optional.of("auditor");
    }

    private String mint(String tenant, String subject) {
        return issuer.mint(new TenantId(tenant), subject, Duration.ofMinutes(30));
    }

    private String createCourse(String token, String title) throws IOException {
        return body(client().post()
                        .uri("/courses")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .header("Idempotency-Key", newKey())
                        .bodyValue(Map.of("title", title))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult())
                .get("courseId")
                .asText();
    }

    private String courseOfOtherSchool() throws IOException {
        return createCourse(token(otherSchool, Role.TEACHER), "Elsewhere 1");
    }

    private String lesson(String token, String courseId) throws IOException {
        return body(client().post()
                        .uri("/lessons")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .header("Idempotency-Key", newKey())
                        .bodyValue(Map.of("courseId", courseId, "title", "Lesson"))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult())
                .get("lessonId")
                .asText();
    }

    private void enrol(String token, String courseId, String subject, String role) {
        String user = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?", String.class, school, subject);
        client().put()
                .uri("/courses/" + courseId + "/enrollments/" + user)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey())
                .bodyValue(Map.of("role", role))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
    }

    private String schedule(String token, String title, Instant startsAt, String lessonId) throws IOException {
        Map<String, Object> request = new HashMap<>(Map.of(
                "title", title, "startsAt", startsAt.toString(), "durationMinutes", 45, "recordingEnabled", false));
        if (lessonId != null) {
            request.put("lessonId", lessonId);
        }
        return body(client().post()
                        .uri("/sessions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .header("Idempotency-Key", newKey())
                        .bodyValue(request)
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult())
                .get("sessionId")
                .asText();
    }

    private void cancel(String token, String session) {
        client().post()
                .uri("/sessions/" + session + "/cancel")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey())
                .bodyValue(Map.of("reason", "snow day"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
    }

    private void post(String token, String path) {
        client().post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
    }

    private void awaitListed(String tenant, int classes) {
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        jdbc.queryForObject("SELECT count(*) FROM sessions WHERE tenant_id = ?", Long.class, tenant)
                                == classes);
    }

    // --- HTTP

    /** Every item of a list, following {@code next} links page by page. */
    private List<JsonNode> listAll(String token, String path, int limit) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "limit=" + limit;
        int pages = 0;
        while (next != null) {
            JsonNode page = body(get(token, next));
            assertThat(page.get("sessions").size()).isLessThanOrEqualTo(limit);
            page.get("sessions").forEach(items::add);
            // At the end of the list there is no next page: no next link and no cursor.
            assertThat(page.has("next")).isEqualTo(page.has("nextAfter"));
            next = page.has("next") ? page.get("next").asText() : null;
            assertThat(++pages).as("pages of " + path).isLessThan(100);
        }
        return items;
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("sessionId").asText()).toList();
    }

    private static String cursorOf(String text) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private EntityExchangeResult<byte[]> get(String token, String path) {
        return client().get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectBody()
                .returnResult();
    }

    private EntityExchangeResult<byte[]> get(String token, Function<UriBuilder, java.net.URI> uri) {
        return client().get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectBody()
                .returnResult();
    }

    private JsonNode body(EntityExchangeResult<byte[]> result) throws IOException {
        String text = result.getResponseBody() == null ? "" : new String(result.getResponseBody());
        assertThat(result.getStatus().is2xxSuccessful())
                .as(result.getUrl() + " " + result.getStatus() + " " + text)
                .isTrue();
        return json.readTree(text);
    }

    private JsonNode problem(EntityExchangeResult<byte[]> result, int status) throws IOException {
        String text = result.getResponseBody() == null ? "" : new String(result.getResponseBody());
        assertThat(result.getStatus().value()).as(result.getUrl() + " " + text).isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(text);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }
}
