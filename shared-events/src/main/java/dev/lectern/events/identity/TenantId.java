package dev.lectern.events.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A school or organisation. A lower-case slug ({@code north-high}), 2 to 63 characters, that
 * starts with a letter or digit. Never trusted from a request body once authentication exists.
 */
public record TenantId(@JsonValue String value) {

    private static final Pattern GRAMMAR = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!GRAMMAR.matcher(value).matches()) {
            throw new IllegalArgumentException("tenant id must match " + GRAMMAR.pattern());
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    public static boolean isValid(String value) {
        return value != null && GRAMMAR.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
