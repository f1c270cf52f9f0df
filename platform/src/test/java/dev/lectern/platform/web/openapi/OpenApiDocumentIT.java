package dev.lectern.platform.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.events.EventCatalogue;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.live.LiveClassSupport;
import dev.lectern.platform.support.PlatformIT;
import dev.lectern.query.livestate.LiveEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import reactor.core.Disposable;

/**
 * The API description at /v3/api-docs (docs/api.md): public, valid OpenAPI 3.1 by the official schema, complete
 * (every route the router has, annotated or functional), and true to what the server does: who needs a token, which
 * operations need an Idempotency-Key, the shape of real problems and of real stream messages.
 */
class OpenApiDocumentIT extends PlatformIT {

    /** springdoc's own routes: the description does not describe itself. */
    private static final List<String> DOCUMENTATION_ROUTES = List.of("/v3/api-docs", "/swagger-ui", "/webjars/");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping router;

    @Autowired
    ApplicationContext context;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    private final OpenApi31Validator validator = new OpenApi31Validator();
    private JsonNode document;

    @BeforeEach
    void theDescription() throws Exception {
        EntityExchangeResult<byte[]> answer = client().get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult();
        document = json.readTree(answer.getResponseBody());
    }

    @Test
    void theDescriptionIsPublicAndValidOpenApi31() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(validator.errors(document)).isEmpty();
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
        client().get().uri("/v3/api-docs.yaml").exchange().expectStatus().isOk();
    }

    @Test
    void theUiIsPublicAndShowsThisDescription() throws Exception {
        String location = client().get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.LOCATION);
        client().get()
                .uri(location)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML);
        JsonNode config = json.readTree(client().get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
        assertThat(config.path("url").asText()).isEqualTo("/v3/api-docs");
    }

    @Test
    void everyRouteIsDescribedAndNothingElse() {
        Set<String> routes = routes().keySet();
        Set<String> described = new TreeSet<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(routes).as("routes of the running application").contains("GET /sessions/{sessionId}/stream");
        assertThat(new TreeSet<>(routes)).as("routes missing from /v3/api-docs").isEqualTo(described);
    }

    @Test
    void everyWriteAndOnlyAWriteRequiresAnIdempotencyKey() {
        List<String> wrong = new ArrayList<>();
        routes().forEach((route, handler) -> {
            if (handler == null) {
                return; // a functional route: no signature to read
            }
            JsonNode operation = operation(route);
            boolean keyed = false;
            for (JsonNode parameter : operation.path("parameters")) {
                keyed |= parameter.path("$ref").asText().equals("#/components/parameters/IdempotencyKey");
                if (parameter.path("in").asText().equals("header")
                        && parameter.path("name").asText().equalsIgnoreCase("Idempotency-Key")) {
                    wrong.add(route + ": the key is described twice");
                }
            }
            if (keyed != LecternOperations.isWrite(handler)) {
                wrong.add(route + (keyed ? ": not a write, yet asks for a key" : ": a write without a required key"));
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(document.at("/components/parameters/IdempotencyKey/required").asBoolean())
                .isTrue();
    }

    @Test
    void parametersBoundByLecternItselfAreNotDescribed() {
        List<String> shown = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    for (JsonNode parameter : op.getValue().path("parameters")) {
                        String ref = parameter.path("schema").path("$ref").asText();
                        if (ref.endsWith("/Actor")
                                || ref.endsWith("/TokenLifetime")
                                || ref.endsWith("/IdempotencyKey")) {
                            shown.add(op.getKey() + " " + path.getKey() + " " + parameter.path("name"));
                        }
                    }
                }));
        assertThat(shown).isEmpty();
        assertThat(document.path("components").path("schemas").fieldNames())
                .toIterable()
                .doesNotContain("Actor", "TokenLifetime", "IdempotencyKey", "ServerSentEventString");
    }

    /**
     * Each operation is called without a token: the ones described as needing the bearer token answer 401 with
     * {@code WWW-Authenticate: Bearer}, the ones described as open do not (their own checks may still refuse).
     */
    @Test
    void whoNeedsATokenIsWhatTheServerEnforces() {
        boolean bearerByDefault = document.path("security").toString().contains("bearer");
        assertThat(bearerByDefault).isTrue();
        List<String> wrong = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    JsonNode security = op.getValue().get("security");
                    boolean needsToken = security == null
                            ? bearerByDefault
                            : security.toString().contains("bearer");
                    String url = path.getKey()
                            .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                    WebTestClient.RequestBodySpec request = client().method(
                                    HttpMethod.valueOf(op.getKey().toUpperCase()))
                            .uri(url);
                    EntityExchangeResult<byte[]> answer = (op.getValue().has("requestBody")
                                    ? request.contentType(MediaType.APPLICATION_JSON)
                                            .bodyValue("{}")
                                    : request)
                            .exchange()
                            .expectBody()
                            .returnResult();
                    String challenge = answer.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
                    boolean refusedForToken =
                            answer.getStatus().value() == 401 && challenge != null && challenge.startsWith("Bearer");
                    if (refusedForToken != needsToken) {
                        wrong.add(op.getKey().toUpperCase() + " " + path.getKey() + ": described "
                                + (needsToken ? "with" : "without") + " a token, answered " + answer.getStatus() + " "
                                + challenge);
                    }
                }));
        assertThat(wrong).isEmpty();
    }

    /** Real problems of each kind match the Problem schema, and their status is one the operation describes. */
    @Test
    void realProblemsMatchTheProblemSchema() throws Exception {
        String tenant = newTenant();
        String teacher = bearer(tenant);
        String session = "/sessions/" + UUID.randomUUID();
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<EntityExchangeResult<byte[]>> problems = List.of(
                client().get().uri(session).exchange().expectBody().returnResult(),
                client().get()
                        .uri(session)
                        .header(HttpHeaders.AUTHORIZATION, teacher)
                        .exchange()
                        .expectBody()
                        .returnResult(),
                client().post()
                        .uri("/sessions")
                        .header(HttpHeaders.AUTHORIZATION, teacher)
                        .header("Idempotency-Key", newKey())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"title\":\"Optics\",\"startsAt\":\"" + tomorrow
                                + "\",\"durationMinutes\":45,\"colour\":\"red\"}")
                        .exchange()
                        .expectBody()
                        .returnResult(),
                client().post()
                        .uri("/sessions")
                        .header(HttpHeaders.AUTHORIZATION, teacher)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(scheduleBody("Optics"))
                        .exchange()
                        .expectBody()
                        .returnResult(),
                client().post()
                        .uri("/sessions")
                        .header(HttpHeaders.AUTHORIZATION, teacher)
                        .header("Idempotency-Key", newKey())
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("Optics")
                        .exchange()
                        .expectBody()
                        .returnResult());
        Map<Integer, String> codes = new TreeMap<>();
        for (EntityExchangeResult<byte[]> problem : problems) {
            assertThat(problem.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode body = json.readTree(problem.getResponseBody());
            assertThat(validator.errors(document, "Problem", body))
                    .as("%s %s", problem.getUrl(), body)
                    .isEmpty();
            String method = problem.getMethod().name().toLowerCase();
            String path = problem.getUrl().getPath().startsWith("/sessions/") ? "/sessions/{sessionId}" : "/sessions";
            assertThat(document.path("paths")
                            .path(path)
                            .path(method)
                            .path("responses")
                            .has(Integer.toString(problem.getStatus().value())))
                    .as("%s %s describes %s", method, path, problem.getStatus())
                    .isTrue();
            codes.put(problem.getStatus().value(), body.path("code").asText());
            assertThat(document.at("/components/schemas/Problem/properties/code/enum")
                            .toString())
                    .contains("\"" + body.path("code").asText() + "\"");
        }
        assertThat(codes).containsKeys(400, 401, 404, 415);
        assertThat(json.readTree(problems.get(2).getResponseBody()).path("errors"))
                .as("the unknown field is pointed at")
                .isNotEmpty();
        // The schema itself refuses what is not a problem (so the checks above could fail).
        ObjectNode notAProblem = json.createObjectNode().put("title", "x").put("status", "404");
        assertThat(validator.errors(document, "Problem", notAProblem)).isNotEmpty();
    }

    @Test
    void theStreamDescribesEveryCatalogueEventAndItsOwnMessages() {
        JsonNode union = document.at("/components/schemas/SessionStreamMessage");
        Set<String> described = new TreeSet<>();
        union.path("discriminator").path("mapping").fields().forEachRemaining(entry -> {
            described.add(entry.getKey());
            String component = entry.getValue().asText().substring("#/components/schemas/".length());
            assertThat(document.path("components").path("schemas").has(component))
                    .as(component)
                    .isTrue();
        });
        Set<String> expected = new TreeSet<>(EventCatalogue.all().keySet());
        expected.removeAll(LiveEvent.BALLOTS);
        expected.addAll(List.of("state", LiveEvent.TALLY, "dropped", "reauthenticate"));
        assertThat(described).isEqualTo(expected);
        Set<String> neverSent = new HashSet<>();
        union.path("x-lectern-never-sent").forEach(name -> neverSent.add(name.asText()));
        assertThat(neverSent).isEqualTo(LiveEvent.BALLOTS);
        assertThat(union.path("oneOf")).hasSize(expected.size());
        assertThat(document.at(
                                "/paths/~1sessions~1{sessionId}~1stream/get/responses/200/content/text~1event-stream/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/SessionStreamMessage");
    }

    /** A class's real stream (the state, then its whole log as the teacher sees it) matches SessionStreamMessage. */
    @Test
    void realStreamMessagesMatchTheirSchema() throws Exception {
        LiveClassSupport live = new LiveClassSupport(port, json);
        String tenant = newTenant();
        String teacher = token(tenant, Role.TEACHER);
        String student = token(tenant, Role.STUDENT);
        String session = live.schedule(teacher, "Optics");
        live.post(teacher, "/sessions/" + session + "/start", null);
        live.post(student, "/sessions/" + session + "/join", null);
        live.post(student, "/sessions/" + session + "/questions", Map.of("text", "Why is the sky blue?"));
        live.post(student, "/sessions/" + session + "/chat", Map.of("text", "hello"));
        String poll = live.post(
                        teacher,
                        "/sessions/" + session + "/polls",
                        Map.of("question", "Colour?", "options", List.of("red", "blue"), "showLiveResults", true))
                .path("pollId")
                .asText();
        live.post(teacher, "/sessions/" + session + "/polls/" + poll + "/open", null);
        live.post(student, "/sessions/" + session + "/polls/" + poll + "/votes", Map.of("options", List.of(1)));
        LiveClassSupport.awaitProjected(jdbc, session);

        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        Disposable fromStart = live.stream(teacher, session, null).subscribe(received::add);
        Disposable fromLog = live.stream(teacher, session, "0").subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> received.stream()
                            .map(ServerSentEvent::event)
                            .toList()
                            .containsAll(List.of(
                                    "state",
                                    "session.scheduled",
                                    "session.started",
                                    "participant.joined",
                                    "question.asked",
                                    "chat.posted",
                                    "poll.created",
                                    "poll.opened",
                                    LiveEvent.TALLY)));
        } finally {
            fromStart.dispose();
            fromLog.dispose();
        }
        List<String> wrong = new ArrayList<>();
        for (ServerSentEvent<String> event : received) {
            ObjectNode message = json.createObjectNode().put("event", event.event());
            if (event.id() != null) {
                message.put("id", event.id());
            }
            message.set("data", json.readTree(event.data()));
            List<String> errors = validator.errors(document, "SessionStreamMessage", message);
            if (!errors.isEmpty()) {
                wrong.add(event.event() + ": " + errors + " in " + message);
            }
        }
        assertThat(wrong).isEmpty();
        // And a message the description does not allow is refused (the check above can fail).
        ObjectNode forged =
                json.createObjectNode().put("event", "session.started").put("id", "12");
        forged.set("data", json.createObjectNode().put("position", "twelve"));
        assertThat(validator.errors(document, "SessionStreamMessage", forged)).isNotEmpty();
    }

    @Test
    void everyMultipartUploadDescribesItsForm() {
        List<String> undescribed = new ArrayList<>();
        router.getHandlerMethods().forEach((info, handler) -> {
            if (info.getConsumesCondition().getConsumableMediaTypes().stream()
                    .noneMatch(MediaType.MULTIPART_FORM_DATA::includes)) {
                return;
            }
            for (String route : routesOf(info)) {
                JsonNode form = operation(route)
                        .path("requestBody")
                        .path("content")
                        .path(MediaType.MULTIPART_FORM_DATA_VALUE)
                        .path("schema");
                if (form.path("properties").isEmpty()) {
                    undescribed.add(route + " (add its form to LecternDocument.FORMS)");
                }
            }
        });
        assertThat(undescribed).isEmpty();
    }

    @Test
    void requestBodiesAreDescribedAsStrict() {
        JsonNode schema = document.at("/components/schemas/CreatePollRequest");
        assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
        assertThat(schema.path("additionalProperties").asBoolean()).isFalse();
    }

    private JsonNode operation(String route) {
        int space = route.indexOf(' ');
        return document.path("paths")
                .path(route.substring(space + 1))
                .path(route.substring(0, space).toLowerCase());
    }

    /** Every "METHOD /pattern" the application answers, with its handler method (null for a functional route). */
    private Map<String, HandlerMethod> routes() {
        Map<String, HandlerMethod> routes = new TreeMap<>();
        router.getHandlerMethods().forEach((info, handler) -> {
            for (String route : routesOf(info)) {
                routes.put(route, handler);
            }
        });
        for (RouterFunction<?> function :
                context.getBeansOfType(RouterFunction.class).values()) {
            FunctionalRoutes visitor = new FunctionalRoutes();
            function.accept(visitor);
            visitor.routes.forEach(route -> routes.put(route, null));
        }
        routes.keySet()
                .removeIf(route -> DOCUMENTATION_ROUTES.stream()
                        .anyMatch(prefix ->
                                route.substring(route.indexOf(' ') + 1).startsWith(prefix)));
        return routes;
    }

    private static List<String> routesOf(RequestMappingInfo info) {
        List<String> routes = new ArrayList<>();
        Set<String> methods = new TreeSet<>();
        info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
        if (methods.isEmpty()) {
            methods.add("GET"); // a mapping without methods answers every method; GET stands for it
        }
        info.getPatternsCondition().getPatterns().forEach(pattern -> {
            String text = pattern.getPatternString().replaceAll("\\{(\\w+):[^}]*}", "{$1}");
            methods.forEach(method -> routes.add(method + " " + text));
        });
        return routes;
    }

    /** Method and path of each functional route (RouterFunctions' own visitor API). */
    private static final class FunctionalRoutes implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        final List<String> routes = new ArrayList<>();
        private final List<String> methods = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();

        @Override
        public void startNested(RequestPredicate predicate) {
            predicate.accept(this);
        }

        @Override
        public void endNested(RequestPredicate predicate) {}

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            List<String> outerMethods = new ArrayList<>(methods);
            List<String> outerPaths = new ArrayList<>(paths);
            predicate.accept(this);
            String path = String.join("", paths);
            (methods.isEmpty() ? List.of("GET") : methods).forEach(method -> routes.add(method + " " + path));
            methods.clear();
            methods.addAll(outerMethods);
            paths.clear();
            paths.addAll(outerPaths);
        }

        @Override
        public void resources(
                java.util.function.Function<
                                ServerRequest, reactor.core.publisher.Mono<org.springframework.core.io.Resource>>
                        lookupFunction) {}

        @Override
        public void attributes(Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {}

        @Override
        public void method(Set<HttpMethod> methods) {
            methods.forEach(m -> this.methods.add(m.name()));
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        public void pathExtension(String extension) {}

        @Override
        public void header(String name, String value) {}

        @Override
        public void queryParam(String name, String value) {}

        @Override
        public void startAnd() {}

        @Override
        public void and() {}

        @Override
        public void endAnd() {}

        @Override
        public void startOr() {}

        @Override
        public void or() {}

        @Override
        public void endOr() {}

        @Override
        public void startNegate() {}

        @Override
        public void endNegate() {}

        @Override
        public void unknown(RequestPredicate predicate) {}
    }
}
