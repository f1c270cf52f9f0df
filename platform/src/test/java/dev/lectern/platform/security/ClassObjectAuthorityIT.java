package dev.lectern.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.support.PlatformIT;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The one authority rule for objects inside a class (docs/adr/0014), proved over HTTP for every route the router has
 * that names an object of a class: the route is called on class A with the id of an object of class B of the same
 * school, and of class C of another school, by someone authorised in A, with a valid body. Each answer is 404
 * problem+json with the object kind's not-found code, and nothing is appended anywhere. The same call on an object of
 * A itself succeeds (so the 404 is the rule, not a broken request).
 *
 * <p>The routes come from the router ({@link RequestMappingHandlerMapping}), so a new object route is covered without
 * touching this test, and a route with a path variable this test cannot fill fails it until someone teaches it the
 * object kind (a creator below) or declares the route not to be about an object inside a class.
 */
class ClassObjectAuthorityIT extends PlatformIT {

    private static final String CLASS_ID = "sessionId";
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    /**
     * Routes with path variables that do not name an object inside a class, each with the reason. A new route outside
     * {@code /sessions/{sessionId}} must be added here (or get a creator) before this test passes.
     */
    private static final Map<String, String> NOT_CLASS_OBJECTS = Map.of(
            "/admin/users/{userId}/roles/{role}", "a school's user (admins of that school only)",
            "/admin/tenant-domains/{domain}", "a school's login domain (admins of that school only)",
            "/courses/{courseId}/enrollments/{userId}", "a course of the school, not of one class",
            "/courses/{courseId}/roster", "a course of the school, not of one class",
            "/courses/{courseId}/sessions", "a course of the school: its classes as the caller may see them",
            "/operator/projections/{group}", "a processing group of the node (operators only)",
            "/operator/projections/{group}/rebuild", "a processing group of the node (operators only)",
            "/operator/dead-letters/{group}", "a processing group's parked classes (operators only)",
            "/operator/dead-letters/{group}/{sequence}", "a parked class of a processing group (operators only)",
            "/operator/dead-letters/{group}/{sequence}/retry", "a parked class of a processing group (operators only)");

    /** Path variables that are not object ids: how to fill them. */
    private static final Map<String, String> PLAIN_VARIABLES = Map.of("page", "1");

    /** Routes a student (not the teacher) of class A takes. */
    private static final Set<String> STUDENT_ROUTES = Set.of(
            "POST /sessions/{sessionId}/questions/{questionId}/upvote",
            "POST /sessions/{sessionId}/polls/{pollId}/votes");

    /** A valid body per route that takes one (routes not listed are called without a body). */
    private static final Map<String, Object> BODIES = Map.of(
            "POST /sessions/{sessionId}/questions/{questionId}/answer",
                    Map.of("text", "Because of Rayleigh scattering"),
            "POST /sessions/{sessionId}/questions/{questionId}/dismiss", Map.of("reason", "asked twice"),
            "POST /sessions/{sessionId}/chat/{messageId}/hide", Map.of("reason", "off topic"),
            "POST /sessions/{sessionId}/chat/{messageId}/delete", Map.of("reason", "off topic"),
            "POST /sessions/{sessionId}/polls/{pollId}/votes", Map.of("options", List.of(0)),
            "PUT /sessions/{sessionId}/scenes/{sceneId}", Map.of("name", "Renamed"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping router;

    @Autowired
    ApplicationContext context;

    @Autowired
    ObjectMapper json;

    /** One school's users: its teacher, the student who asks and posts, and a second student who upvotes and votes. */
    private record School(String tenant, String teacher, String asker, String voter) {}

    /** An object kind: how to create one in a class in the state a route needs, and the code its absence answers. */
    private record Kind(String code, Creator creator) {}

    @FunctionalInterface
    private interface Creator {
        String create(School school, String session, String verb) throws IOException;
    }

    private School north;
    private School south;
    private String classA;
    private String classB;
    private String classC;
    private Map<String, Kind> kinds;

    @BeforeEach
    void twoClassesOfOneSchoolAndOneOfAnother() {
        north = school();
        south = school();
        classA = liveClass(north, "A");
        classB = liveClass(north, "B");
        classC = liveClass(south, "C");
        kinds = Map.of(
                "questionId",
                        new Kind(
                                "QUESTION_NOT_FOUND",
                                (school, session, verb) -> body(write(
                                                HttpMethod.POST,
                                                school.asker(),
                                                "/sessions/" + session + "/questions",
                                                Map.of("text", "Why is the sky blue?"),
                                                201))
                                        .get("id")
                                        .asText()),
                "pollId", new Kind("POLL_NOT_FOUND", this::poll),
                "sceneId",
                        new Kind(
                                "SCENE_NOT_FOUND",
                                (school, session, verb) -> body(write(
                                                HttpMethod.POST,
                                                school.teacher(),
                                                "/sessions/" + session + "/scenes",
                                                Map.of("name", "Board", "layout", "whiteboard"),
                                                201))
                                        .get("sceneId")
                                        .asText()),
                "messageId",
                        new Kind(
                                "MESSAGE_NOT_FOUND",
                                (school, session, verb) -> body(write(
                                                HttpMethod.POST,
                                                school.asker(),
                                                "/sessions/" + session + "/chat",
                                                Map.of("text", "hello"),
                                                201))
                                        .get("messageId")
                                        .asText()),
                "deckId", new Kind("DECK_NOT_FOUND", this::deck));
    }

    @Test
    void noRouteOfClassAReachesAnObjectOfAnotherClassOrSchool() throws IOException {
        assertThat(context.getBeansOfType(RouterFunction.class))
                .as("functional routes would bypass this enumeration")
                .isEmpty();
        Map<String, Set<String>> routes = objectRoutes();
        assertThat(routes.keySet())
                .as("object routes found in the router")
                .contains(
                        "POST /sessions/{sessionId}/questions/{questionId}/upvote",
                        "POST /sessions/{sessionId}/questions/{questionId}/answer",
                        "POST /sessions/{sessionId}/questions/{questionId}/resolve",
                        "POST /sessions/{sessionId}/questions/{questionId}/dismiss",
                        "POST /sessions/{sessionId}/chat/{messageId}/hide",
                        "POST /sessions/{sessionId}/chat/{messageId}/delete",
                        "POST /sessions/{sessionId}/polls/{pollId}/open",
                        "POST /sessions/{sessionId}/polls/{pollId}/close",
                        "POST /sessions/{sessionId}/polls/{pollId}/publish",
                        "POST /sessions/{sessionId}/polls/{pollId}/votes",
                        "GET /sessions/{sessionId}/polls/{pollId}",
                        "PUT /sessions/{sessionId}/scenes/{sceneId}",
                        "DELETE /sessions/{sessionId}/scenes/{sceneId}",
                        "GET /sessions/{sessionId}/decks/{deckId}/pages/{page}");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Set<String>> route : routes.entrySet()) {
            String method = route.getKey().substring(0, route.getKey().indexOf(' '));
            String pattern = route.getKey().substring(method.length() + 1);
            String verb = pattern.substring(pattern.lastIndexOf('/') + 1);
            List<String> unfillable = route.getValue().stream()
                    .filter(v -> !kinds.containsKey(v) && !PLAIN_VARIABLES.containsKey(v))
                    .toList();
            if (!unfillable.isEmpty() || route.getValue().stream().noneMatch(kinds::containsKey)) {
                failures.add(
                        route.getKey() + ": no way to fill " + unfillable + " with an object id: add an object kind "
                                + "(creator and not-found code) to this test, or say why the route is not about an object inside a class");
                continue;
            }
            School actorSchool = north;
            String actor = STUDENT_ROUTES.contains(route.getKey()) ? north.voter() : north.teacher();
            Object body = BODIES.get(route.getKey());
            for (School owner : List.of(north, south)) {
                String ownerClass = owner == north ? classB : classC;
                Map<String, String> ids = new TreeMap<>();
                String expectedCode = null;
                for (String variable : route.getValue()) {
                    if (kinds.containsKey(variable)) {
                        ids.put(variable, kinds.get(variable).creator().create(owner, ownerClass, verb));
                        expectedCode = kinds.get(variable).code();
                    }
                }
                String path = fill(pattern, classA, ids);
                awaitQuiet();
                Counts before = counts();
                EntityExchangeResult<byte[]> answer = call(HttpMethod.valueOf(method), actor, path, body);
                String what = route.getKey() + " on class A with an object of "
                        + (owner == north ? "class B" : "another school");
                int status = answer.getStatus().value();
                MediaType type = answer.getResponseHeaders().getContentType();
                String code = status == 404 ? body(answer).path("code").asText() : null;
                if (status != 404
                        || type == null
                        || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        || !expectedCode.equals(code)) {
                    failures.add(
                            what + ": expected 404 " + expectedCode + " problem+json, got " + status + " " + type + " "
                                    + new String(
                                            answer.getResponseBodyContent() == null
                                                    ? new byte[0]
                                                    : answer.getResponseBodyContent()));
                }
                Counts after = counts();
                if (!after.equals(before)) {
                    failures.add(what + ": appended events " + before + " -> " + after);
                }
            }
            // The same call on an object of class A itself is allowed: the request is valid and only the class differs.
            Map<String, String> own = new TreeMap<>();
            for (String variable : route.getValue()) {
                if (kinds.containsKey(variable)) {
                    own.put(variable, kinds.get(variable).creator().create(actorSchool, classA, verb));
                }
            }
            EntityExchangeResult<byte[]> allowed =
                    call(HttpMethod.valueOf(method), actor, fill(pattern, classA, own), body);
            if (!allowed.getStatus().is2xxSuccessful()) {
                failures.add(route.getKey() + " on class A's own object: expected 2xx, got " + allowed.getStatus() + " "
                        + new String(
                                allowed.getResponseBodyContent() == null
                                        ? new byte[0]
                                        : allowed.getResponseBodyContent()));
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Every (method, pattern) of the router with a path variable besides the class id, and those variables. */
    private Map<String, Set<String>> objectRoutes() {
        Map<String, Set<String>> routes = new TreeMap<>();
        List<String> unclassified = new ArrayList<>();
        for (RequestMappingInfo info : router.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                String text = pattern.getPatternString();
                Set<String> variables = new TreeSet<>();
                Matcher matcher = VARIABLE.matcher(text);
                while (matcher.find()) {
                    variables.add(matcher.group(1));
                }
                variables.remove(CLASS_ID);
                if (variables.isEmpty() || NOT_CLASS_OBJECTS.containsKey(text)) {
                    continue;
                }
                if (!text.startsWith("/sessions/{" + CLASS_ID + "}/")) {
                    unclassified.add(text);
                    continue;
                }
                Set<RequestMethodName> methods = RequestMethodName.of(info);
                for (RequestMethodName method : methods) {
                    routes.put(method.name() + " " + text, variables);
                }
            }
        }
        assertThat(unclassified)
                .as("routes with object ids outside a class: add a creator or a reason to NOT_CLASS_OBJECTS")
                .isEmpty();
        return routes;
    }

    /** The HTTP methods of a mapping (a mapping without any would answer all: not allowed for object routes). */
    private enum RequestMethodName {
        GET,
        POST,
        PUT,
        DELETE,
        PATCH;

        static Set<RequestMethodName> of(RequestMappingInfo info) {
            Set<RequestMethodName> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(valueOf(m.name())));
            assertThat(methods).as(info + " names its HTTP methods").isNotEmpty();
            return methods;
        }
    }

    private static String fill(String pattern, String classId, Map<String, String> ids) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String value = CLASS_ID.equals(variable)
                    ? classId
                    : ids.containsKey(variable) ? ids.get(variable) : PLAIN_VARIABLES.get(variable);
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    // ---- the world: two schools, three live classes, objects in the state a route needs ----

    private School school() {
        String tenant = newTenant();
        String voter = "voter-" + newKey().substring(0, 8) + "@" + tenant;
        directory.ensureUserWithRole(new TenantId(tenant), voter, "Voter", Role.STUDENT, "test");
        return new School(
                tenant,
                token(tenant, Role.TEACHER),
                token(tenant, Role.STUDENT),
                issuer.mint(new TenantId(tenant), voter, Duration.ofMinutes(30)));
    }

    private String liveClass(School school, String title) {
        String session = body(write(
                        HttpMethod.POST,
                        school.teacher(),
                        "/sessions",
                        Map.of(
                                "title",
                                title,
                                "startsAt",
                                java.time.Instant.now()
                                        .plus(Duration.ofDays(1))
                                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                        .toString(),
                                "durationMinutes",
                                45,
                                "recordingEnabled",
                                false),
                        201))
                .get("sessionId")
                .asText();
        write(HttpMethod.POST, school.teacher(), "/sessions/" + session + "/start", null, 200);
        for (String person : List.of(school.teacher(), school.asker(), school.voter())) {
            write(HttpMethod.POST, person, "/sessions/" + session + "/join", null, 200);
        }
        return session;
    }

    /** A poll in the state the verb needs: a draft to open, closed to publish, open otherwise (to vote, close, read). */
    private String poll(School school, String session, String verb) {
        String base = "/sessions/" + session + "/polls";
        String poll = body(write(
                        HttpMethod.POST,
                        school.teacher(),
                        base,
                        Map.of("question", "Ready?", "options", List.of("Yes", "No")),
                        201))
                .get("pollId")
                .asText();
        if (!verb.equals("open")) {
            write(HttpMethod.POST, school.teacher(), base + "/" + poll + "/open", null, 200);
        }
        if (verb.equals("publish")) {
            write(HttpMethod.POST, school.teacher(), base + "/" + poll + "/close", null, 200);
        }
        return poll;
    }

    private String deck(School school, String session, String verb) throws IOException {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(onePagePdf()) {
                    @Override
                    public String getFilename() {
                        return "lesson.pdf";
                    }
                })
                .contentType(MediaType.APPLICATION_PDF);
        EntityExchangeResult<byte[]> result = client().post()
                .uri("/sessions/" + session + "/decks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + school.teacher())
                .header("Idempotency-Key", newKey())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult();
        return body(result).get("deckId").asText();
    }

    private static byte[] onePagePdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(960, 540));
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 24);
                content.newLineAtOffset(48, 468);
                content.showText("Light");
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    // ---- the log ----

    /** Rows of the whole log and of each of the three classes. */
    private record Counts(long all, long a, long b, long c) {}

    private Counts counts() {
        Function<String, Long> of = session -> eventCount(UUID.fromString(session));
        return new Counts(eventCount(), of.apply(classA), of.apply(classB), of.apply(classC));
    }

    /** Waits until nothing more is being appended (processes started by a class's start may still be writing). */
    private void awaitQuiet() {
        Counts[] last = {counts()};
        await().atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ofMillis(100))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Counts now = counts();
                    boolean quiet = now.equals(last[0]);
                    last[0] = now;
                    return quiet;
                });
    }

    // ---- HTTP ----

    private EntityExchangeResult<byte[]> call(HttpMethod method, String token, String path, Object body) {
        WebTestClient.RequestBodySpec request = client().method(method)
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey());
        WebTestClient.RequestHeadersSpec<?> ready = body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchange().expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> write(HttpMethod method, String token, String path, Object body, int status) {
        EntityExchangeResult<byte[]> result = call(method, token, path, body);
        assertThat(result.getStatus().value())
                .as(method + " " + path + ": "
                        + new String(
                                result.getResponseBodyContent() == null
                                        ? new byte[0]
                                        : result.getResponseBodyContent()))
                .isEqualTo(status);
        return result;
    }

    private JsonNode body(EntityExchangeResult<byte[]> result) {
        try {
            byte[] content = result.getResponseBodyContent();
            return json.readTree(content == null ? new byte[0] : content);
        } catch (IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }
}
