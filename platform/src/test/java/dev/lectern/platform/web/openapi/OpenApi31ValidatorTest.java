package dev.lectern.platform.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The validator that OpenApiDocumentIT trusts really refuses broken documents (a check that cannot fail is none). */
class OpenApi31ValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApi31Validator VALIDATOR = new OpenApi31Validator();

    private static final String VALID = """
            {"openapi": "3.1.0",
             "info": {"title": "t", "version": "1"},
             "paths": {"/sessions/{sessionId}": {"get": {
                 "parameters": [{"name": "sessionId", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "responses": {"200": {"description": "ok",
                     "content": {"application/json": {"schema": {"$ref": "#/components/schemas/View"}}}}}}}},
             "components": {"schemas": {"View": {"type": "object",
                 "properties": {"id": {"type": "string", "format": "uuid"}, "n": {"type": ["integer", "null"]}},
                 "required": ["id"]}}}}
            """;

    @Test
    void acceptsAValidDocument() throws Exception {
        assertThat(VALIDATOR.errors(JSON.readTree(VALID))).isEmpty();
    }

    @Test
    void refusesAnOpenApi30Document() throws Exception {
        ObjectNode document = valid();
        document.put("openapi", "3.0.3");
        assertThat(VALIDATOR.errors(document)).isNotEmpty();
    }

    @Test
    void refusesADocumentWithoutInfo() throws Exception {
        ObjectNode document = valid();
        document.remove("info");
        assertThat(VALIDATOR.errors(document)).anyMatch(e -> e.contains("info"));
    }

    @Test
    void refusesAResponseWithoutDescription() throws Exception {
        ObjectNode document = valid();
        ((ObjectNode) document.at("/paths/~1sessions~1{sessionId}/get/responses/200")).remove("description");
        assertThat(VALIDATOR.errors(document)).isNotEmpty();
    }

    @Test
    void refusesAPathThatDoesNotStartWithASlash() throws Exception {
        ObjectNode document = valid();
        ObjectNode paths = (ObjectNode) document.get("paths");
        paths.set("sessions", paths.get("/sessions/{sessionId}"));
        assertThat(VALIDATOR.errors(document)).isNotEmpty();
    }

    @Test
    void refusesAnInvalidSchemaObject() throws Exception {
        ObjectNode document = valid();
        ((ObjectNode) document.at("/components/schemas/View/properties/id")).put("type", "strin");
        assertThat(VALIDATOR.errors(document)).isNotEmpty();
    }

    @Test
    void refusesAParameterWithoutLocation() throws Exception {
        ObjectNode document = valid();
        ((ObjectNode) document.at("/paths/~1sessions~1{sessionId}/get/parameters/0")).remove("in");
        assertThat(VALIDATOR.errors(document)).isNotEmpty();
    }

    @Test
    void checksValuesAgainstAComponentSchema() throws Exception {
        JsonNode document = valid();
        assertThat(VALIDATOR.errors(document, "View", JSON.readTree("{\"id\": \"x\", \"n\": null}")))
                .isEmpty();
        assertThat(VALIDATOR.errors(document, "View", JSON.readTree("{\"n\": 1}")))
                .anyMatch(e -> e.contains("id"));
        assertThat(VALIDATOR.errors(document, "View", JSON.readTree("{\"id\": \"x\", \"n\": \"one\"}")))
                .isNotEmpty();
    }

    private static ObjectNode valid() throws Exception {
        return (ObjectNode) JSON.readTree(VALID);
    }
}
