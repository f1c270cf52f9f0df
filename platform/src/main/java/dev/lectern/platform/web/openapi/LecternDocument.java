package dev.lectern.platform.web.openapi;

import dev.lectern.platform.web.RequestIdFilter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What holds for whole paths and the whole document, once springdoc has described every operation:
 *
 * <ul>
 *   <li>who needs a token: everyone (the document's bearer requirement) except the development issuer and the
 *       signed LiveKit webhook, as in {@code SecurityConfiguration} ({@code OpenApiDocumentIT} calls every
 *       operation without a token to prove it);</li>
 *   <li>the problem responses each operation can give (RFC 9457, the {@code Problem} schema);</li>
 *   <li>{@code X-Request-Id} on every response;</li>
 *   <li>request bodies are read strictly (docs/adr/0013-one-input-rule.md): their schemas allow no other field;</li>
 *   <li>the forms of multipart uploads, and the live stream's messages ({@link LiveStreamDescription}).</li>
 * </ul>
 */
final class LecternDocument implements OpenApiCustomizer {

    /** Paths answered without a bearer token (their own checks apply: the webhook's signature). */
    static final List<String> PUBLIC_PREFIXES = List.of("/dev/", "/webhooks/");

    /**
     * The multipart forms, by operation: read by the controller from the exchange, so springdoc cannot see them.
     * A multipart operation missing here fails {@code OpenApiDocumentIT}.
     */
    static final Map<String, Schema<?>> FORMS = Map.of(
            "POST /sessions/{sessionId}/decks",
            Schemas.object()
                    .description("A slide deck (DeckController): one PDF part and an optional title")
                    .addProperty("file", Schemas.string().contentMediaType("application/pdf"))
                    .addProperty("title", Schemas.string())
                    .required(List.of("file")));

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        LiveStreamDescription.describe(api);
        Set<String> requestSchemas = new HashSet<>();
        Set<String> responseSchemas = new HashSet<>();
        api.getPaths()
                .forEach((path, item) -> operations(item).forEach((method, operation) -> {
                    boolean open = PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
                    if (open) {
                        operation.setSecurity(new ArrayList<>());
                    }
                    Schema<?> form = FORMS.get(method + " " + path);
                    if (form != null) {
                        operation.setRequestBody(new RequestBody()
                                .required(true)
                                .content(new Content()
                                        .addMediaType(
                                                org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE,
                                                new MediaType().schema(form))));
                    }
                    addProblems(path, method, operation, open);
                    collectRefs(
                            operation.getRequestBody() == null
                                    ? null
                                    : operation.getRequestBody().getContent(),
                            requestSchemas::add);
                    operation.getResponses().values().forEach(r -> collectRefs(r.getContent(), responseSchemas::add));
                    operation.getResponses().values().stream()
                            .filter(r -> r.get$ref() == null)
                            .forEach(r ->
                                    r.addHeaderObject(RequestIdFilter.HEADER, Schemas.header(RequestIdFilter.HEADER)));
                }));
        closeRequestSchemas(api, requestSchemas, responseSchemas);
    }

    private static void addProblems(String path, String method, Operation operation, boolean open) {
        ApiResponses responses = operation.getResponses();
        boolean write = operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(p -> p.get$ref() != null
                                && p.get$ref().endsWith("/" + OpenApiConfiguration.IDEMPOTENCY_KEY_PARAMETER));
        boolean stream = LiveStreamDescription.isStream(operation);
        boolean body = operation.getRequestBody() != null;
        boolean inputs = body
                || write
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (inputs) {
            problem(responses, 400);
        }
        if (!open || path.startsWith("/webhooks/")) {
            problem(responses, 401);
        }
        if (!open) {
            problem(responses, 403);
        }
        if (path.contains("{")) {
            problem(responses, 404);
        }
        if (write) {
            problem(responses, 409);
        }
        if (body) {
            problem(responses, 413);
            problem(responses, 415);
        }
        if (write) {
            problem(responses, 422);
        }
        // Per-person stream limit; slow mode and other per-class rate limits on a class's writes.
        if (stream || (write && path.startsWith("/sessions/{"))) {
            problem(responses, 429);
        }
        problem(responses, 503);
    }

    private static void problem(ApiResponses responses, int status) {
        String key = Integer.toString(status);
        if (!responses.containsKey(key)) {
            responses.addApiResponse(
                    key,
                    new ApiResponse()
                            .$ref("#/components/responses/"
                                    + OpenApiConfiguration.PROBLEMS.get(status)[0]));
        }
    }

    /**
     * The strict reader refuses unknown fields, so a schema only ever read from requests allows no other property.
     * Schemas also used in answers stay open (an answer may gain fields).
     */
    private static void closeRequestSchemas(OpenAPI api, Set<String> requestRoots, Set<String> responseRoots) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> requests = reachable(schemas, requestRoots);
        Set<String> responses = reachable(schemas, responseRoots);
        for (String name : requests) {
            Schema<?> schema = schemas.get(name);
            if (!responses.contains(name) && schema != null && schema.getProperties() != null) {
                schema.setAdditionalProperties(Boolean.FALSE);
            }
        }
    }

    private static Set<String> reachable(Map<String, Schema> schemas, Set<String> roots) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name) && schemas.get(name) != null) {
                refsOf(schemas.get(name), todo::push);
            }
        }
        return seen;
    }

    private static void collectRefs(Content content, Consumer<String> into) {
        if (content != null) {
            content.values().forEach(media -> refsOf(media.getSchema(), into));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void refsOf(Schema<?> schema, Consumer<String> into) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null && schema.get$ref().startsWith(Schemas.COMPONENTS)) {
            into.accept(schema.get$ref().substring(Schemas.COMPONENTS.length()));
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(p -> refsOf(p, into));
        }
        refsOf(schema.getItems(), into);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            refsOf(additional, into);
        }
        for (List<Schema> parts : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
            if (parts != null) {
                parts.forEach(p -> refsOf(p, into));
            }
        }
    }

    static Map<String, Operation> operations(PathItem item) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        item.readOperationsMap().forEach((method, operation) -> operations.put(method.name(), operation));
        return operations;
    }
}
