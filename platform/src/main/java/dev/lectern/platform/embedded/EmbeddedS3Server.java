package dev.lectern.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (s3proxy, filesystem backend) for runs without {@code S3_ENDPOINT}, so that
 * object storage always goes through the AWS SDK and SigV4, never through a shortcut. It runs as a
 * child JVM from {@code embedded/s3proxy.jar} next to the application: in-process its Jetty 12.1 and
 * Jackson 3 would clash with ours. Bound to 127.0.0.1 only.
 *
 * <p>Supervised (docs/adr/0017): a child that dies is restarted on the same port with backoff; it is
 * ended with Lectern (shutdown hook); and since a killed Lectern runs no hook, the child's pid is kept
 * in {@code s3proxy.pid} next to its data, and the next start ends that orphan (after checking that
 * the pid is still an s3proxy of this data folder) before starting its own.
 */
public final class EmbeddedS3Server {

    public static final String ACCESS_KEY = "lectern-local";
    public static final String SECRET_KEY = "lectern-local-secret";
    static final String PID_FILE = "s3proxy.pid";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);

    private static EmbeddedS3Server instance;

    private final Path jar;
    private final Path dataDirectory;
    private final Path logFile;
    private final Path pidFile;
    private final Path config;
    private final int port;
    private volatile Process process;
    private volatile boolean stopping;
    private Thread shutdownHook;

    EmbeddedS3Server(Path jar, Path dataDirectory, Path logFile) throws IOException {
        this.jar = jar.toAbsolutePath();
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.logFile = logFile;
        this.pidFile = this.dataDirectory.resolveSibling(PID_FILE);
        Files.createDirectories(this.dataDirectory);
        this.port = freePort();
        this.config = writeConfig(endpoint());
    }

    public static synchronized String start(Path jar, Path dataDirectory, Path logFile) {
        if (instance != null) {
            return instance.endpoint();
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No embedded S3 server at " + jar
                    + ": build with 'mvn package' (not -Pproduction) or set S3_ENDPOINT");
        }
        try {
            EmbeddedS3Server server = new EmbeddedS3Server(jar, dataDirectory, logFile);
            server.startSupervised();
            instance = server;
            return server.endpoint();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded S3 server", e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The running child's pid (for tests and the startup report). */
    long pid() {
        return process.pid();
    }

    void startSupervised() throws IOException {
        endOrphan();
        launch();
        shutdownHook = new Thread(this::stop, "embedded-s3-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        watch();
    }

    /** Ends a child left behind by a Lectern that was killed without running its shutdown hook. */
    void endOrphan() {
        Optional<ProcessHandle> orphan = readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (orphan.isEmpty()) {
            return;
        }
        String commandLine = orphan.get().info().commandLine().orElse("");
        if (!isOurs(commandLine)) {
            log.info(
                    "{} names pid {}, which is not an s3proxy of this data folder; leaving it alone",
                    pidFile,
                    orphan.get().pid());
            return;
        }
        log.warn(
                "Ending the embedded S3 server left behind by an earlier run (pid {})",
                orphan.get().pid());
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception stillThere) {
            orphan.get().destroyForcibly();
        }
    }

    /** Our children run our jar with a properties file that names this data folder (see {@link #writeConfig}). */
    private boolean isOurs(String commandLine) {
        if (!commandLine.contains(jar.toString()) || !commandLine.contains("--properties")) {
            return false;
        }
        int at = commandLine.indexOf("--properties");
        String properties =
                commandLine.substring(at + "--properties".length()).trim().split("\\s+")[0];
        try {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(Path.of(properties))) {
                p.load(in);
            }
            return dataDirectory.toString().equals(p.getProperty("jclouds.filesystem.basedir"));
        } catch (IOException | RuntimeException gone) {
            // the temporary properties file of a dead run may be gone: the jar and the pid file suffice
            return true;
        }
    }

    private Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private synchronized void launch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process started = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        jar.toString(),
                        "--properties",
                        config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        process = started;
        Files.writeString(pidFile, Long.toString(started.pid()));
        awaitPort(started, Duration.ofSeconds(30));
    }

    /** Restarts the child whenever it exits unasked, with backoff; logged at each step. */
    private void watch() {
        Thread supervisor = new Thread(
                () -> {
                    Duration backoff = Duration.ofSeconds(1);
                    while (!stopping) {
                        Process current = process;
                        try {
                            int exit = current.waitFor();
                            if (stopping) {
                                return;
                            }
                            log.warn(
                                    "The embedded S3 server (pid {}) exited with {}; restarting in {} ms (see {})",
                                    current.pid(),
                                    exit,
                                    backoff.toMillis(),
                                    logFile);
                            Thread.sleep(backoff.toMillis());
                            Instant began = Instant.now();
                            launch();
                            log.info(
                                    "The embedded S3 server is back (pid {}) after {} ms",
                                    process.pid(),
                                    Duration.between(began, Instant.now()).toMillis());
                            backoff = Duration.ofSeconds(1);
                        } catch (InterruptedException e) {
                            return;
                        } catch (IOException | RuntimeException e) {
                            log.error(
                                    "Could not restart the embedded S3 server; trying again in {} ms",
                                    backoff.toMillis(),
                                    e);
                            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                                    ? MAX_BACKOFF
                                    : backoff.multipliedBy(2);
                        }
                    }
                },
                "embedded-s3-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    void stop() {
        stopping = true;
        Process current = process;
        if (current != null) {
            current.destroy();
            try {
                if (!current.waitFor(5, TimeUnit.SECONDS)) {
                    current.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the next start checks the pid it names anyway
        }
    }

    /** What a kill -9 of Lectern leaves behind: a running child, its pid file, no hook, no supervisor. */
    void abandonForTest() {
        stopping = true;
        if (shutdownHook != null) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
    }

    private Path writeConfig(String url) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", url);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        properties.setProperty("jclouds.provider", "filesystem-nio2");
        properties.setProperty("jclouds.filesystem.basedir", dataDirectory.toString());
        Path file = Files.createTempFile("lectern-s3proxy", ".properties");
        file.toFile().deleteOnExit();
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "generated by Lectern for the embedded S3-compatible server");
        }
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitPort(Process started, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IllegalStateException(
                        "The embedded S3 server exited with " + started.exitValue() + "; see " + logFile);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting the embedded S3 server", e);
                }
            }
        }
        started.destroyForcibly();
        throw new IllegalStateException(
                "The embedded S3 server did not open port " + port + " within " + timeout + "; see " + logFile);
    }
}
