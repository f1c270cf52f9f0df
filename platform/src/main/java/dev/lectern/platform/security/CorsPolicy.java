package dev.lectern.platform.security;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.platform.web.RequestIdFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Which browser origins may call Lectern (docs/adr/0024-browser-access.md): the exact origins of
 * {@code LECTERN_ALLOWED_ORIGINS} (comma-separated, {@code scheme://host[:port]}), plus any port on
 * localhost and 127.0.0.1 with the local profile. None by default: a cross-origin browser request, or its
 * preflight, is refused (403, no CORS headers). No credentials mode: browsers authenticate with bearer
 * tokens and stream tickets, never cookies. Preflights are answered before authentication.
 */
final class CorsPolicy {

    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");
    static final List<String> REQUEST_HEADERS = List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            IdempotencyKey.HEADER,
            "Last-Event-ID",
            HttpHeaders.CACHE_CONTROL,
            RequestIdFilter.HEADER);
    static final List<String> EXPOSED_HEADERS = List.of(
            HttpHeaders.LOCATION,
            RecordedResponse.REPLAYED_HEADER,
            HttpHeaders.RETRY_AFTER,
            RequestIdFilter.HEADER,
            HttpHeaders.WWW_AUTHENTICATE);
    static final List<String> LOCAL_PATTERNS = List.of("http://localhost:[*]", "http://127.0.0.1:[*]");
    static final long MAX_AGE_SECONDS = 600;

    private CorsPolicy() {}

    /** The policy for every path; refuses to start on a malformed origin list. */
    static CorsConfigurationSource source(String allowedOrigins, boolean localProfile) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(origins(allowedOrigins));
        if (localProfile) {
            config.setAllowedOriginPatterns(LOCAL_PATTERNS);
        }
        config.setAllowedMethods(METHODS);
        config.setAllowedHeaders(REQUEST_HEADERS);
        config.setExposedHeaders(EXPOSED_HEADERS);
        config.setAllowCredentials(false);
        config.setMaxAge(MAX_AGE_SECONDS);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }

    /** The exact origins of {@code LECTERN_ALLOWED_ORIGINS}, each checked; empty when unset. */
    static List<String> origins(String value) {
        List<String> origins = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return origins;
        }
        for (String entry :
                Arrays.stream(value.split(",", -1)).map(String::trim).toList()) {
            origins.add(origin(entry));
        }
        return origins;
    }

    private static String origin(String entry) {
        String why = null;
        if (entry.isEmpty()) {
            why = "empty (two commas in a row, or a trailing comma)";
        } else if (entry.contains("*")) {
            why = "a wildcard: list each origin exactly";
        } else if (entry.endsWith("/")) {
            why = "it ends with a slash: an origin is scheme://host[:port] with nothing after it";
        } else {
            try {
                URI uri = new URI(entry);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("https") && !scheme.equals("http")) {
                    why = "not http or https";
                } else if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                    why = "it has no host, or user info before it";
                } else if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    why = "it has a path, query or fragment: an origin is scheme://host[:port] only";
                }
            } catch (URISyntaxException e) {
                why = "not a URI (" + e.getReason() + ")";
            }
        }
        if (why != null) {
            throw new IllegalStateException("LECTERN_ALLOWED_ORIGINS: '" + entry + "' is not an origin: " + why
                    + "; expected comma-separated origins like https://app.example.org,http://localhost:5173");
        }
        return entry;
    }
}
