package dev.lectern.platform.web.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates OpenAPI 3.1 documents against the official JSON Schema of the OpenAPI Initiative (the {@code schema-base}
 * iteration: the document and every Schema Object in it, against the OAS 3.1 dialect), vendored in
 * {@code src/test/resources/openapi/oas-3.1} so that it runs offline. Also validates JSON values against one of a
 * document's component schemas, to check the description against what the server really sends.
 */
final class OpenApi31Validator {

    static final String SCHEMA_BASE = "https://spec.openapis.org/oas/3.1/schema-base/2025-11-23";
    private static final Map<String, String> VENDORED = Map.of(
            SCHEMA_BASE,
            "schema-base-2025-11-23.json",
            "https://spec.openapis.org/oas/3.1/schema/2025-11-23",
            "schema-2025-11-23.json",
            "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
            "dialect-2024-11-10.json",
            "https://spec.openapis.org/oas/3.1/meta/2024-11-10",
            "meta-2024-11-10.json");

    private final SchemaRegistry registry;
    private final Schema openApi;

    OpenApi31Validator() {
        Map<String, String> schemas = new LinkedHashMap<>();
        VENDORED.forEach((id, file) -> schemas.put(id, resource("/openapi/oas-3.1/" + file)));
        registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(schemas));
        openApi = registry.getSchema(SchemaLocation.of(SCHEMA_BASE));
    }

    /** What is wrong with this document as OpenAPI 3.1 (empty: nothing). */
    List<String> errors(JsonNode document) {
        return describe(openApi.validate(document));
    }

    /** What is wrong with {@code value} as an instance of the document's {@code #/components/schemas/<name>}. */
    List<String> errors(JsonNode document, String component, JsonNode value) {
        ObjectNode wrapper = new ObjectMapper().createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.put("$id", "urn:lectern:api-docs");
        wrapper.put("$ref", "#/components/schemas/" + component);
        wrapper.set("components", document.get("components"));
        return describe(registry.getSchema(wrapper).validate(value));
    }

    private static List<String> describe(List<Error> errors) {
        return errors.stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage() + " (" + e.getEvaluationPath() + ")")
                .toList();
    }

    private static String resource(String path) {
        try (InputStream in = OpenApi31Validator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
