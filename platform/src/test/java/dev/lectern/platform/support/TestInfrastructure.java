package dev.lectern.platform.support;

import dev.lectern.platform.config.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Real infrastructure for integration tests, decided once per test JVM:
 * <ol>
 *   <li>{@code DATABASE_URL} / {@code REDIS_URL} from the environment when given (CI, .ci/run);
 *       a fresh database is created on that server for this run and dropped at exit;</li>
 *   <li>else Testcontainers, when a Docker engine answers;</li>
 *   <li>else the embedded PostgreSQL (zonky) in a temporary folder, and no Redis.</li>
 * </ol>
 * Object storage is always the embedded s3proxy, in a temporary folder. Never H2, never a fake.
 */
public final class TestInfrastructure {

    private static Map<String, String> properties;

    private TestInfrastructure() {}

    /** Spring properties that point the application at this run's infrastructure. */
    public static synchronized Map<String, String> properties() {
        if (properties == null) {
            properties = decide();
        }
        return properties;
    }

    private static Map<String, String> decide() {
        Map<String, String> result = new LinkedHashMap<>();
        Path dataDir = tempDir();
        result.put("lectern.data-dir", dataDir.toString());
        // A platform operator for the operator endpoints (tenant "ops" is created by the tests that use it).
        result.put("lectern.operators", "ops/operator@ops");
        String databaseUrl = System.getenv("DATABASE_URL");
        String redisUrl = System.getenv("REDIS_URL");
        boolean docker = (databaseUrl == null || databaseUrl.isBlank() || redisUrl == null || redisUrl.isBlank())
                && dockerAvailable();

        if (databaseUrl != null && !databaseUrl.isBlank()) {
            result.put("lectern.database.url", freshDatabase(DatabaseUrl.parse(databaseUrl)));
            result.put("lectern.test.database", "environment (fresh database)");
        } else if (docker) {
            PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:17-alpine");
            postgres.start();
            result.put(
                    "lectern.database.url",
                    "postgresql://" + postgres.getUsername() + ":" + postgres.getPassword() + "@" + postgres.getHost()
                            + ":" + postgres.getMappedPort(5432) + "/" + postgres.getDatabaseName());
            result.put("lectern.test.database", "testcontainers");
        } else {
            // Left blank: the application's own embedded PostgreSQL starts in the temporary data folder.
            result.put("lectern.test.database", "embedded");
        }

        if (redisUrl != null && !redisUrl.isBlank()) {
            result.put("lectern.redis.url", redisUrl);
        } else if (docker) {
            GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            redis.start();
            result.put("lectern.redis.url", "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379));
        }
        return result;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lectern-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A database of its own for this test JVM on the given server, so that tests never see another
     * run's rows (or a developer's). Falls back to the given database when we may not create one.
     */
    private static String freshDatabase(DatabaseUrl server) {
        String name =
                "lectern_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String admin = server.jdbcUrl();
        Properties credentials = new Properties();
        if (server.username() != null) {
            credentials.setProperty("user", server.username());
        }
        if (server.password() != null) {
            credentials.setProperty("password", server.password());
        }
        try (Connection c = DriverManager.getConnection(admin, credentials);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            System.err.println(
                    "[lectern-it] cannot create a database (" + e.getMessage() + "); using " + server.describe());
            return url(server);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try (Connection c = DriverManager.getConnection(admin, credentials);
                                    Statement s = c.createStatement()) {
                                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                            } catch (SQLException ignored) {
                                // best effort: a leftover lectern_it_* database is harmless
                            }
                        },
                        "drop-test-database"));
        return url(server.withDatabase(name));
    }

    private static String url(DatabaseUrl db) {
        String auth =
                db.username() == null ? "" : db.username() + (db.password() == null ? "" : ":" + db.password()) + "@";
        return "postgresql://" + auth + db.host() + ":" + db.port() + "/" + db.database()
                + (db.query() == null ? "" : "?" + db.query());
    }
}
