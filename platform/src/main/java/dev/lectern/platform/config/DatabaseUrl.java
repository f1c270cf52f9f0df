package dev.lectern.platform.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code DATABASE_URL} as the seeds name it, in any of the usual spellings:
 * {@code postgres://user:pass@host:5432/db?sslmode=require}, {@code postgresql://...} or
 * {@code jdbc:postgresql://host/db?user=...}. Yields the JDBC URL (event store, projectors) and
 * the R2DBC URL (reads) for the same database.
 */
public record DatabaseUrl(String host, int port, String database, String username, String password, String query) {

    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        String trimmed = text.trim();
        String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring(5) : trimmed;
        URI uri = URI.create(withoutJdbc);
        String scheme = uri.getScheme();
        if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.length() > 1 ? decode(path.substring(1)) : "postgres";
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new DatabaseUrl(
                uri.getHost(),
                uri.getPort() == -1 ? 5432 : uri.getPort(),
                database,
                username,
                password,
                uri.getRawQuery());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, username, password, query);
    }

    /** For logs: never the password. */
    public String describe() {
        return (username == null ? "" : username + "@") + host + ":" + port + "/" + database;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
