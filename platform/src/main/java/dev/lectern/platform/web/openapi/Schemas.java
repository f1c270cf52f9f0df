package dev.lectern.platform.web.openapi;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** OpenAPI 3.1 (JSON Schema 2020-12) schema objects, built by hand where the code has no type to generate them from. */
final class Schemas {

    static final String COMPONENTS = "#/components/schemas/";

    private Schemas() {}

    static Schema<Object> type(String type) {
        JsonSchema schema = new JsonSchema();
        schema.types(new LinkedHashSet<>(Set.of(type)));
        return schema;
    }

    static Schema<Object> types(String... types) {
        JsonSchema schema = new JsonSchema();
        schema.types(new LinkedHashSet<>(List.of(types)));
        return schema;
    }

    static Schema<Object> string() {
        return type("string");
    }

    static Schema<Object> object() {
        return type("object");
    }

    static Schema<Object> constant(String value) {
        Schema<Object> schema = string();
        schema.setConst(value);
        return schema;
    }

    static Schema<Object> ref(String component) {
        JsonSchema schema = new JsonSchema();
        schema.set$ref(COMPONENTS + component);
        return schema;
    }

    static Header header(String component) {
        return new Header().$ref("#/components/headers/" + component);
    }
}
