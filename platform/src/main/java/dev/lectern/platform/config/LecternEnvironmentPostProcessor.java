package dev.lectern.platform.config;

import dev.lectern.platform.embedded.EmbeddedPostgresServer;
import dev.lectern.platform.embedded.EmbeddedS3Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the seeds' environment variables ({@code DATABASE_URL}, {@code REDIS_URL}, {@code S3_*},
 * {@code LIVEKIT_*}) into Spring configuration, and supplies embedded defaults for what is not
 * given: a real PostgreSQL and a real S3-compatible server in the data folder, Redis off. Runs after
 * the config files are read and before any bean exists, so the datasource, R2DBC and S3 client are
 * built against whatever it decided. What it decided is published as {@code lectern.runtime.*}
 * and logged at startup.
 */
public class LecternEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String REDIS_AUTO_CONFIGURATIONS = String.join(
            ",",
            "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration");

    private final Log log;

    public LecternEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(LecternEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new LinkedHashMap<>();
        Path dataDir = Path.of(env.getProperty("lectern.data-dir", ".lectern-data"))
                .toAbsolutePath()
                .normalize();

        configureDatabase(env, dataDir, props);
        configureObjectStorage(env, dataDir, props);
        configureRedis(env, props);
        props.put(
                "lectern.runtime.livekit",
                blank(env.getProperty("lectern.livekit.url"))
                        ? "off (media off: classes run control-plane only)"
                        : "external " + env.getProperty("lectern.livekit.url"));
        props.put(
                "lectern.runtime.axon-server",
                env.getProperty("axon.axonserver.enabled", Boolean.class, false)
                        ? "on (" + env.getProperty("axon.axonserver.servers", "localhost") + ")"
                        : "off (JDBC event store on PostgreSQL)");
        props.put("lectern.runtime.data-dir", dataDir.toString());
        String issuer = env.getProperty("lectern.identity.issuer-uri", "");
        props.put(
                "lectern.runtime.identity",
                !issuer.isBlank()
                        ? "OIDC issuer " + issuer
                        : env.acceptsProfiles(org.springframework.core.env.Profiles.of("local"))
                                ? "DEVELOPMENT issuer (profile local; never in production)"
                                : "none configured (set OIDC_ISSUER_URI)");

        env.getPropertySources().addFirst(new MapPropertySource("lectern-runtime", props));
    }

    private void configureDatabase(ConfigurableEnvironment env, Path dataDir, Map<String, Object> props) {
        String configured = env.getProperty("lectern.database.url", "");
        DatabaseUrl db;
        String description;
        if (!configured.isBlank()) {
            db = DatabaseUrl.parse(configured);
            if (db.username() == null) {
                db = new DatabaseUrl(
                        db.host(),
                        db.port(),
                        db.database(),
                        env.getProperty("lectern.database.username"),
                        env.getProperty("lectern.database.password"),
                        db.query());
            }
            description = "external PostgreSQL " + db.describe();
        } else if (EmbeddedPostgresServer.available()) {
            Path pgData = dataDir.resolve("postgres");
            log.info("No DATABASE_URL: starting embedded PostgreSQL in " + pgData);
            int port = EmbeddedPostgresServer.start(pgData);
            db = new DatabaseUrl("localhost", port, EmbeddedPostgresServer.DATABASE, "postgres", null, null);
            description = "embedded PostgreSQL " + db.describe() + " (data in " + pgData + ")";
        } else {
            throw new IllegalStateException(
                    "DATABASE_URL is required: this build has no embedded PostgreSQL (production profile)");
        }
        props.put("spring.datasource.url", db.jdbcUrl());
        props.put("spring.r2dbc.url", db.r2dbcUrl());
        if (db.username() != null) {
            props.put("spring.datasource.username", db.username());
            props.put("spring.r2dbc.username", db.username());
        }
        if (db.password() != null) {
            props.put("spring.datasource.password", db.password());
            props.put("spring.r2dbc.password", db.password());
        }
        props.put("lectern.runtime.database", description);
    }

    private void configureObjectStorage(ConfigurableEnvironment env, Path dataDir, Map<String, Object> props) {
        String endpoint = env.getProperty("lectern.s3.endpoint", "");
        if (!endpoint.isBlank()) {
            props.put("lectern.runtime.object-storage", "external S3 " + endpoint);
            return;
        }
        Path jar = s3ProxyJar(env, dataDir);
        if (!Files.isRegularFile(jar) && !env.getProperty("lectern.s3.embedded-required", Boolean.class, true)) {
            props.put("lectern.runtime.object-storage", "unavailable (no S3_ENDPOINT and no embedded server)");
            return;
        }
        Path s3Data = dataDir.resolve("s3");
        log.info("No S3_ENDPOINT: starting embedded S3-compatible server (s3proxy) in " + s3Data);
        String url = EmbeddedS3Server.start(jar, s3Data, dataDir.resolve("s3proxy.log"));
        props.put("lectern.s3.endpoint", url);
        props.put("lectern.s3.access-key", EmbeddedS3Server.ACCESS_KEY);
        props.put("lectern.s3.secret-key", EmbeddedS3Server.SECRET_KEY);
        props.put("lectern.s3.path-style", "true");
        props.put("lectern.runtime.object-storage", "embedded s3proxy " + url + " (data in " + s3Data + ")");
    }

    /**
     * {@code lectern.embedded.s3proxy-jar}, else the resource {@code embedded/s3proxy.jar} packed in the
     * application: used in place when it is a file (tests, IDE: {@code target/classes}), unpacked into
     * {@code <data folder>/embedded/} when it sits inside {@code lectern.jar}, so the jar starts on its own.
     */
    private Path s3ProxyJar(ConfigurableEnvironment env, Path dataDir) {
        String configured = env.getProperty("lectern.embedded.s3proxy-jar", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        URL packed = LecternEnvironmentPostProcessor.class.getClassLoader().getResource(S3PROXY_RESOURCE);
        if (packed == null) {
            // Built with -Pproduction: nothing packed; the start fails with a message naming S3_ENDPOINT.
            return dataDir.resolve(S3PROXY_RESOURCE);
        }
        try {
            if ("file".equals(packed.getProtocol())) {
                return Path.of(packed.toURI());
            }
            return unpack(packed, dataDir.resolve(S3PROXY_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the embedded S3 server into " + dataDir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable location of the embedded S3 server: " + packed, e);
        }
    }

    static final String S3PROXY_RESOURCE = "embedded/s3proxy.jar";

    /** Copies the packed jar out once; again only when the packed one differs in size (a new Lectern build). */
    private Path unpack(URL packed, Path target) throws IOException {
        URLConnection connection = packed.openConnection();
        long size = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("Unpacked the embedded S3 server to " + target);
        return target;
    }

    private void configureRedis(ConfigurableEnvironment env, Map<String, Object> props) {
        String url = env.getProperty("lectern.redis.url", "");
        if (url.isBlank()) {
            String existing = env.getProperty("spring.autoconfigure.exclude", "");
            props.put(
                    "spring.autoconfigure.exclude",
                    existing.isBlank() ? REDIS_AUTO_CONFIGURATIONS : existing + "," + REDIS_AUTO_CONFIGURATIONS);
            props.put("lectern.runtime.redis", "off (single-node live fan-out)");
        } else {
            props.put("spring.data.redis.url", url);
            props.put("lectern.runtime.redis", "external " + url.replaceAll("//[^@/]*@", "//***@"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
