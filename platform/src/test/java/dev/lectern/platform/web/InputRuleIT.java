package dev.lectern.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import reactor.core.Disposable;

/**
 * The one input rule at the wire (docs/adr/0013-one-input-rule.md). The first test walks every JSON
 * request body the application maps, present and future, and sends each field a value the strict
 * binding refuses (NUL, C1, a lone surrogate, a number as text, text as a number, a fraction for a whole
 * number, 1 for a boolean, an instant beyond year 9999, an unknown field, a duplicate key): each is a 400
 * problem+json whose {@code errors[]} points at that field, and the school's event log does not grow.
 * The others replay the symptoms that were found by hand: bounds, no-op and dangling writes, 413/414/431
 * and Retry-After.
 */
class InputRuleIT extends PlatformIT {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private LiveClassSupport live;
    private String school;
    private String admin;
    private String teacher;
    private String student;
    private String session;
    private String studentId;

    @BeforeEach
    void aLiveClassWithAStudent() {
        live = new LiveClassSupport(port, json);
        school = newTenant();
        admin = token(school, Role.ADMIN);
        teacher = token(school, Role.TEACHER);
        student = token(school, Role.STUDENT);
        studentId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
        session = live.schedule(teacher, "Input rules");
        live.post(teacher, "/sessions/" + session + "/start", null);
        live.post(teacher, "/sessions/" + session + "/join", null);
        live.post(student, "/sessions/" + session + "/join", null);
    }

    private long schoolEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM session_state_events WHERE tenant_id = ?", Long.class, school);
    }

    /** One request the rule must refuse: where, what, and the pointer (or parameter) it must name. */
    record Refusal(HttpMethod method, String path, String body, int status, String code, String pointer) {
        @Override
        public String toString() {
            return method + " " + path + " " + body.replace("\u0000", "\\0") + " -> " + status + " " + pointer;
        }
    }

    @Test
    void aUrlTheFirewallRefusesIsAProblemDocumentOnEveryRoute() {
        String tenant = newTenant();
        for (String path : List.of("/sessions/%00/state", "/courses/%00/sessions", "/sessions/%00/stream-tickets")) {
            client().get()
                    .uri(java.net.URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token(tenant, Role.TEACHER))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith("application/problem+json")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("MALFORMED_REQUEST");
        }
    }

    @Test
    void everyFieldOfEveryJsonRequestBodyRefusesWhatTheStrictBindingRefuses() {
        List<Refusal> refusals = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            Class<?> body = jsonBodyOf(mapping.getValue());
            if (body == null) {
                continue;
            }
            for (HttpMethod method : mapping.getKey().getMethodsCondition().getMethods().stream()
                    .map(m -> HttpMethod.valueOf(m.name()))
                    .toList()) {
                for (var pattern : mapping.getKey().getPatternsCondition().getPatterns()) {
                    String path = fill(pattern.getPatternString());
                    refusals.addAll(refusalsFor(method, path, body));
                }
            }
        }
        // The table covers every JSON body the application maps; these are a few we know must be in it.
        assertThat(refusals)
                .extracting(Refusal::path)
                .contains(
                        "/sessions",
                        "/sessions/" + session + "/chat",
                        "/sessions/" + session + "/questions/" + FILLER + "/answer",
                        "/sessions/" + session + "/whiteboard",
                        "/sessions/" + session + "/polls",
                        "/sessions/" + session + "/interaction-settings",
                        "/courses",
                        "/admin/users");
        assertThat(refusals.size()).isGreaterThan(200);

        long before = schoolEvents();
        assertSoftly(soft -> {
            for (Refusal refusal : refusals) {
                EntityExchangeResult<byte[]> result = send(admin, refusal.method(), refusal.path(), refusal.body());
                String text = result.getResponseBody() == null ? "" : new String(result.getResponseBody());
                soft.assertThat(result.getStatus().value())
                        .as(refusal + " answered " + text)
                        .isEqualTo(refusal.status());
                soft.assertThat(result.getResponseHeaders().getContentType())
                        .as(refusal.toString())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                JsonNode problem = live.read(text.isEmpty() ? "{}" : text);
                soft.assertThat(problem.path("code").asText())
                        .as(refusal + " answered " + text)
                        .isEqualTo(refusal.code());
                soft.assertThat(problem.at("/errors/0/pointer").asText())
                        .as(refusal + " answered " + text)
                        .isEqualTo(refusal.pointer());
            }
        });
        assertThat(schoolEvents()).isEqualTo(before);
    }

    private static final String FILLER = "7f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b";

    private String fill(String pattern) {
        Matcher variable = PATH_VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = switch (variable.group(1)) {
                case "sessionId" -> session;
                case "role" -> "teacher";
                case "domain" -> "example.org";
                case "group" -> "live-state";
                default -> FILLER;
            };
            variable.appendReplacement(path, value);
        }
        variable.appendTail(path);
        return path.toString();
    }

    private static Class<?> jsonBodyOf(HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)
                    && parameter.getParameterType().isRecord()) {
                return parameter.getParameterType();
            }
        }
        return null;
    }

    /** Every refused value for every leaf of {@code body}, each alone in an otherwise empty object. */
    private List<Refusal> refusalsFor(HttpMethod method, String path, Class<?> body) {
        List<Refusal> refusals = new ArrayList<>();
        RecordComponent[] components = body.getRecordComponents();
        for (RecordComponent component : components) {
            for (Map.Entry<String, String> bad : badValues(component.getGenericType(), "/" + component.getName())) {
                refusals.add(new Refusal(
                        method,
                        path,
                        "{\"" + component.getName() + "\":" + bad.getValue() + "}",
                        400,
                        "VALIDATION_FAILED",
                        "#" + bad.getKey()));
            }
        }
        refusals.add(new Refusal(
                method, path, "{\"lecternUnknownField\":1}", 400, "VALIDATION_FAILED", "#/lecternUnknownField"));
        if (components.length > 0) {
            String first = components[0].getName();
            String value = sample(components[0].getGenericType());
            refusals.add(new Refusal(
                    method,
                    path,
                    "{\"" + first + "\":" + value + ",\"" + first + "\":" + value + "}",
                    400,
                    "VALIDATION_FAILED",
                    "#/" + first));
        }
        refusals.add(new Refusal(method, path, "{} {}", 400, "MALFORMED_REQUEST", "#"));
        return refusals;
    }

    /** JSON texts (with the pointer they must be reported at) that the strict binding refuses for {@code type}. */
    private static List<Map.Entry<String, String>> badValues(Type type, String at) {
        List<Map.Entry<String, String>> bad = new ArrayList<>();
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            for (Map.Entry<String, String> element : badValues(list.getActualTypeArguments()[0], at + "/0")) {
                bad.add(Map.entry(element.getKey(), "[" + element.getValue() + "]"));
            }
            return bad;
        }
        if (type == String.class) {
            bad.add(Map.entry(at, "\"hi\\u0000there\""));
            bad.add(Map.entry(at, "\"bell\\u0007\""));
            bad.add(Map.entry(at, "\"next line\\u0085\""));
            bad.add(Map.entry(at, "\"lone \\ud800 surrogate\""));
            bad.add(Map.entry(at, "42"));
            bad.add(Map.entry(at, "true"));
        } else if (type == UUID.class) {
            bad.add(Map.entry(at, "\"hi\\u0000there\""));
            bad.add(Map.entry(at, "42"));
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            bad.add(Map.entry(at, "45.7"));
            bad.add(Map.entry(at, "\"45\""));
            bad.add(Map.entry(at, "true"));
            bad.add(Map.entry(at, "99999999999999999999999"));
            if (((Class<?>) type).isPrimitive()) {
                bad.add(Map.entry(at, "null"));
            }
        } else if (type == Boolean.class || type == boolean.class) {
            bad.add(Map.entry(at, "1"));
            bad.add(Map.entry(at, "\"true\""));
            if (type == boolean.class) {
                bad.add(Map.entry(at, "null"));
            }
        } else if (type == Double.class || type == double.class) {
            bad.add(Map.entry(at, "\"0.5\""));
            bad.add(Map.entry(at, "true"));
        } else if (type == Instant.class) {
            bad.add(Map.entry(at, "\"+999999999-12-31T23:59:59Z\""));
            bad.add(Map.entry(at, "\"1969-12-31T23:59:59Z\""));
            bad.add(Map.entry(at, "1700000000"));
        } else if (type instanceof Class<?> nested && nested.isRecord()) {
            for (RecordComponent component : nested.getRecordComponents()) {
                for (Map.Entry<String, String> inner :
                        badValues(component.getGenericType(), at + "/" + component.getName())) {
                    bad.add(Map.entry(inner.getKey(), "{\"" + component.getName() + "\":" + inner.getValue() + "}"));
                }
            }
            bad.add(Map.entry(at + "/lecternUnknownField", "{\"lecternUnknownField\":1}"));
        }
        return bad;
    }

    /** A well-typed value, for the duplicate-key case. */
    private static String sample(Type type) {
        if (type instanceof ParameterizedType) {
            return "[]";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Double.class
                || type == double.class) {
            return "1";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true";
        }
        if (type == Instant.class) {
            return "\"" + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"";
        }
        if (type instanceof Class<?> nested && nested.isRecord()) {
            return "{}";
        }
        return "\"a\"";
    }

    private EntityExchangeResult<byte[]> send(String token, HttpMethod method, String path, String body) {
        WebTestClient.RequestBodySpec request = client().method(method)
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey());
        return (body == null
                        ? request
                        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body))
                .exchange()
                .expectBody()
                .returnResult();
    }

    private JsonNode problem(EntityExchangeResult<byte[]> result, int status, String code) {
        String text = result.getResponseBody() == null ? "" : new String(result.getResponseBody());
        assertThat(result.getStatus().value()).as(text).isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).as(text).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = live.read(text);
        assertThat(problem.get("code").asText()).as(text).isEqualTo(code);
        return problem;
    }

    @Test
    void multiLineTextTakesNewlinesAndTabsAndSingleLineTextDoesNot() {
        long before = schoolEvents();
        JsonNode chat = live.post(student, "/sessions/" + session + "/chat", Map.of("text", "line one\n\tline two"));
        assertThat(chat.get("text").asText()).isEqualTo("line one\n\tline two");
        assertThat(schoolEvents()).isEqualTo(before + 1);
        JsonNode refused = problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions/" + session + "/scenes",
                        "{\"name\":\"two\\nlines\",\"layout\":\"whiteboard\"}"),
                400,
                "VALIDATION_FAILED");
        assertThat(refused.at("/errors/0/pointer").asText()).isEqualTo("#/name");
        assertThat(refused.at("/errors/0/detail").asText()).contains("single line");
        JsonNode tooLong = problem(
                send(
                        student,
                        HttpMethod.POST,
                        "/sessions/" + session + "/chat",
                        "{\"text\":\"" + "x".repeat(1001) + "\"}"),
                400,
                "VALIDATION_FAILED");
        assertThat(tooLong.at("/errors/0/pointer").asText()).isEqualTo("#/text");
        assertThat(schoolEvents()).isEqualTo(before + 1);
    }

    @Test
    void instantsAndDurationsOutsideTheirWindowAreA400NamingTheField() {
        long before = schoolEvents();
        String farAhead = Instant.now()
                .plus(6 * 366, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions",
                        "{\"title\":\"Later\",\"startsAt\":\"" + farAhead + "\",\"durationMinutes\":45}"),
                400,
                "SESSION_STARTS_TOO_LATE");
        JsonNode huge = problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions",
                        "{\"title\":\"Never\",\"startsAt\":"
                                + "\"+999999999-12-31T23:59:59Z\",\"durationMinutes\":45}"),
                400,
                "VALIDATION_FAILED");
        assertThat(huge.at("/errors/0/pointer").asText()).isEqualTo("#/startsAt");
        String tomorrow = Instant.now()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        JsonNode fraction = problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions",
                        "{\"title\":\"Odd\",\"startsAt\":\"" + tomorrow + "\",\"durationMinutes\":45.7}"),
                400,
                "VALIDATION_FAILED");
        assertThat(fraction.at("/errors/0/pointer").asText()).isEqualTo("#/durationMinutes");
        JsonNode tooLongAClass = problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions",
                        "{\"title\":\"Marathon\",\"startsAt\":\"" + tomorrow + "\",\"durationMinutes\":1441}"),
                400,
                "VALIDATION_FAILED");
        assertThat(tooLongAClass.at("/errors/0/pointer").asText()).isEqualTo("#/durationMinutes");
        assertThat(schoolEvents()).isEqualTo(before);

        for (String at :
                List.of("P1000000000D", "+999999999-12-31T23:59:59Z", "P8D", "-PT1S", "1969-12-31T23:59:59Z")) {
            JsonNode refused = problem(
                    client().get()
                            .uri(u -> u.path("/sessions/" + session + "/state")
                                    .queryParam("at", at)
                                    .build())
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                            .exchange()
                            .expectBody()
                            .returnResult(),
                    400,
                    "VALIDATION_FAILED");
            assertThat(refused.at("/errors/0/parameter").asText()).as(at).isEqualTo("at");
        }
        String auditor = token(school, Role.AUDITOR);
        for (String parameter : List.of("from", "to")) {
            JsonNode refused = problem(
                    client().get()
                            .uri(u -> u.path("/audit/events")
                                    .queryParam(parameter, "+999999999-12-31T23:59:59Z")
                                    .build())
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                            .exchange()
                            .expectBody()
                            .returnResult(),
                    400,
                    "VALIDATION_FAILED");
            assertThat(refused.at("/errors/0/parameter").asText()).isEqualTo(parameter);
        }
        for (String paging : List.of("after=-1", "after=99999999999999999999", "limit=0", "limit=1001")) {
            problem(
                    client().get()
                            .uri("/audit/events?" + paging)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                            .exchange()
                            .expectBody()
                            .returnResult(),
                    400,
                    "VALIDATION_FAILED");
        }
    }

    @Test
    void aWriteThatChangesNothingOrNamesNothingAppendsNothing() {
        long before = schoolEvents();
        problem(
                send(teacher, HttpMethod.PUT, "/sessions/" + session + "/interaction-settings", "{}"),
                400,
                "VALIDATION_FAILED");
        EntityExchangeResult<byte[]> same = send(
                teacher,
                HttpMethod.PUT,
                "/sessions/" + session + "/interaction-settings",
                "{\"chatEnabled\":true,\"slowModeSeconds\":0}");
        assertThat(same.getStatus().value()).isEqualTo(200);
        assertThat(live.read(new String(same.getResponseBody())).get("changed").asBoolean())
                .isFalse();
        problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions/" + session + "/mutes",
                        "{\"userId\":\"" + UUID.randomUUID() + "\",\"mute\":true}"),
                404,
                "PARTICIPANT_NOT_FOUND");
        problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions/" + session + "/whiteboard",
                        "{\"ops\":[{\"type\":\"erase\",\"targetId\":\"nothing-here\"}]}"),
                404,
                "ELEMENT_NOT_FOUND");
        problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions/" + session + "/whiteboard",
                        "{\"ops\":[{\"type\":\"undo\"}]}"),
                404,
                "ELEMENT_NOT_FOUND");
        problem(
                send(
                        teacher,
                        HttpMethod.POST,
                        "/sessions/" + session + "/polls",
                        "{\"question\":\"Largest?\",\"options\":[\"Jupiter\",\"Mars\",\"jupiter\"]}"),
                400,
                "VALIDATION_FAILED");
        problem(
                send(teacher, HttpMethod.POST, "/sessions/" + session + "/exam-mode", "{\"enabled\":1}"),
                400,
                "VALIDATION_FAILED");
        assertThat(schoolEvents()).isEqualTo(before);

        live.post(teacher, "/sessions/" + session + "/mutes", Map.of("userId", studentId, "mute", true));
        assertThat(schoolEvents()).isEqualTo(before + 1);
    }

    @Test
    void slowModesRefusalSaysWhenToComeBack() {
        live.send("PUT", teacher, "/sessions/" + session + "/interaction-settings", Map.of("slowModeSeconds", 60));
        live.post(student, "/sessions/" + session + "/chat", Map.of("text", "first"));
        long before = schoolEvents();
        EntityExchangeResult<byte[]> second =
                send(student, HttpMethod.POST, "/sessions/" + session + "/chat", "{\"text\":\"second\"}");
        problem(second, 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(second.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(schoolEvents()).isEqualTo(before);
    }

    @Test
    void theStreamCapsRefusalSaysWhenToComeBack() {
        LiveClassSupport.awaitProjected(jdbc, session);
        List<Disposable> open = new ArrayList<>();
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(live.stream(student, session, null).subscribe(received::add));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 5);
            EntityExchangeResult<byte[]> refused = client().get()
                    .uri("/sessions/" + session + "/stream")
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                    .exchange()
                    .expectBody()
                    .returnResult();
            assertThat(refused.getStatus().value()).isEqualTo(429);
            assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .isEqualTo("5");
        } finally {
            open.forEach(Disposable::dispose);
        }
    }

    @Test
    void oversizedRequestsAreProblemsToo() {
        long before = schoolEvents();
        problem(
                client().get()
                        .uri("/sessions/" + session + "/state?pad=" + "x".repeat(9000))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                        .exchange()
                        .expectBody()
                        .returnResult(),
                414,
                "URI_TOO_LONG");
        problem(
                client().get()
                        .uri("/sessions/" + session + "/state")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                        .header("X-Padding", "x".repeat(20_000))
                        .exchange()
                        .expectBody()
                        .returnResult(),
                431,
                "HEADERS_TOO_LARGE");
        problem(
                send(
                        student,
                        HttpMethod.POST,
                        "/sessions/" + session + "/chat",
                        "{\"text\":\"" + "x".repeat(300 * 1024) + "\"}"),
                413,
                "PAYLOAD_TOO_LARGE");
        assertThat(schoolEvents()).isEqualTo(before);
    }

    @Test
    void formFieldsAndQueryParametersObeyTheTextRule() throws IOException {
        long before = schoolEvents();
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(onePagePdf()) {
                    @Override
                    public String getFilename() {
                        return "lesson.pdf";
                    }
                })
                .contentType(MediaType.APPLICATION_PDF);
        parts.part("title", "Slides\u0000of doom");
        JsonNode title = problem(
                client().post()
                        .uri("/sessions/" + session + "/decks")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                        .header("Idempotency-Key", newKey())
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .body(BodyInserters.fromMultipartData(parts.build()))
                        .exchange()
                        .expectBody()
                        .returnResult(),
                400,
                "VALIDATION_FAILED");
        assertThat(title.at("/errors/0/parameter").asText()).isEqualTo("title");

        String someone = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "nobody@" + school);
        JsonNode reason = problem(
                client().put()
                        .uri(u -> u.path("/admin/users/" + someone + "/roles/teacher")
                                .queryParam("reason", "{r}")
                                .build("because\u0000"))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                        .header("Idempotency-Key", newKey())
                        .exchange()
                        .expectBody()
                        .returnResult(),
                400,
                "VALIDATION_FAILED");
        assertThat(reason.at("/errors/0/parameter").asText()).isEqualTo("reason");
        assertThat(schoolEvents()).isEqualTo(before);
    }

    private static byte[] onePagePdf() throws IOException {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }
}
