package dev.lectern.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded s3proxy child is supervised: restarted when it dies, and an orphan of a killed Lectern is ended. */
class EmbeddedS3ServerIT {

    private static final Path JAR = Path.of("target", "classes", "embedded", "s3proxy.jar");

    @TempDir
    Path data;

    private final List<EmbeddedS3Server> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(EmbeddedS3Server::stop);
    }

    private EmbeddedS3Server server() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "needs target/classes/embedded/s3proxy.jar (mvn package)");
        EmbeddedS3Server server = new EmbeddedS3Server(JAR, data.resolve("s3"), data.resolve("s3proxy.log"));
        started.add(server);
        server.startSupervised();
        return server;
    }

    @Test
    void aChildThatDiesIsRestartedOnTheSamePort() throws IOException {
        EmbeddedS3Server server = server();
        long first = server.pid();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> server.pid() != first && answers(server.endpoint()));
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void theOrphanOfAKilledLecternIsEndedAtTheNextStart() throws IOException {
        EmbeddedS3Server killed = server();
        long orphan = killed.pid();
        killed.abandonForTest();
        assertThat(Files.readString(data.resolve(EmbeddedS3Server.PID_FILE)).trim())
                .isEqualTo(Long.toString(orphan));

        EmbeddedS3Server next = server();

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        !ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false));
        assertThat(answers(next.endpoint())).isTrue();
        assertThat(Files.readString(data.resolve(EmbeddedS3Server.PID_FILE)).trim())
                .isEqualTo(Long.toString(next.pid()));
    }

    @Test
    void aPidFileNamingAnotherProgramIsLeftAlone() throws IOException {
        Files.createDirectories(data);
        Files.writeString(
                data.resolve(EmbeddedS3Server.PID_FILE),
                Long.toString(ProcessHandle.current().pid()));

        EmbeddedS3Server server = server();

        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(answers(server.endpoint())).isTrue();
    }

    private static boolean answers(String endpoint) {
        URI uri = URI.create(endpoint);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
