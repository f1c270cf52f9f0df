package dev.lectern.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lectern.platform.LecternApplication;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The reference web client in real Chromium (docs/web-client.md, ADR 0028): the whole application on a
 * random port with the local profile (development issuer, seeded schools), then {@code node e2e/run.mjs}
 * drives Debian's {@code /usr/bin/chromium} through playwright-core against it. The harness's page on
 * another origin is {@code http://127.0.0.1:19301}, so that origin is the one allowed for CORS.
 *
 * <p>Without Chromium, Node or {@code e2e/node_modules} the test is skipped loudly (before the application
 * starts), or fails when
 * {@code LECTERN_E2E_REQUIRED=1} (CI sets it, after installing them).
 */
@EnabledIf(
        value = "browserToolingIsThere",
        disabledReason = "no Chromium, Node or e2e/node_modules (see the message above; docs/web-client.md)")
@ActiveProfiles("local")
@SpringBootTest(
        classes = LecternApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "LECTERN_ALLOWED_ORIGINS=" + BrowserE2EIT.HARNESS_ORIGIN,
            "lectern.allowed-origins=" + BrowserE2EIT.HARNESS_ORIGIN
        })
class BrowserE2EIT {

    static final String HARNESS_ORIGIN = "http://127.0.0.1:19301";
    private static final Path CHROMIUM = Path.of(System.getProperty("lectern.e2e.chromium", "/usr/bin/chromium"));
    private static final long TIMEOUT_SECONDS = 300;

    @LocalServerPort
    int port;

    /**
     * Decided before the application starts (a class-level condition): without the browser tooling the
     * test is reported skipped, and with {@code LECTERN_E2E_REQUIRED=1} the class fails instead.
     */
    static boolean browserToolingIsThere() {
        String missing = missing(e2eFolder());
        if (missing == null) {
            return true;
        }
        String message = "Browser E2E not run: " + missing
                + ". Install with: apt-get install -y chromium && npm ci --prefix e2e (docs/web-client.md)";
        if ("1".equals(System.getenv("LECTERN_E2E_REQUIRED"))) {
            throw new IllegalStateException(message + " [LECTERN_E2E_REQUIRED=1]");
        }
        System.err.println("\n!!!!!!!!!! " + message + " !!!!!!!!!!\n");
        return false;
    }

    @Test
    void theReferenceClientWorksInChromium() throws Exception {
        Path e2e = e2eFolder();
        Process node = new ProcessBuilder(
                        List.of("node", "run.mjs", "--base=http://127.0.0.1:" + port, "--chromium=" + CHROMIUM))
                .directory(e2e.toFile())
                .redirectErrorStream(true)
                .start();
        // Streamed to the test's output (target/failsafe-reports) and kept in target/browser-e2e.log; a
        // failure's message carries the last lines, so the CI log names the failed step.
        Path logFile = Path.of("target", "browser-e2e.log").toAbsolutePath();
        Files.createDirectories(logFile.getParent());
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                                    new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                            BufferedWriter file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            System.out.println("[browser-e2e] " + line);
                            file.write(line);
                            file.newLine();
                            file.flush();
                            synchronized (tail) {
                                tail.addLast(line);
                                if (tail.size() > 60) {
                                    tail.removeFirst();
                                }
                            }
                        }
                    } catch (IOException e) {
                        System.out.println("[browser-e2e] output lost: " + e);
                    }
                },
                "browser-e2e-output");
        pump.setDaemon(true);
        pump.start();
        if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            fail("Browser E2E still running after " + TIMEOUT_SECONDS + " s: stopped. Log: " + logFile + "\n"
                    + last(tail));
        }
        pump.join(5_000);
        assertThat(node.exitValue())
                .as("node e2e/run.mjs exit code; full log in %s; its last lines:%n%s", logFile, last(tail))
                .isZero();
    }

    private static String last(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** The repository's e2e folder: Maven runs the ITs in platform/, an IDE maybe in the root. */
    private static Path e2eFolder() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("e2e/run.mjs"))) {
                return dir.resolve("e2e");
            }
        }
        return here.resolve("e2e");
    }

    private static String missing(Path e2e) {
        if (!Files.isRegularFile(e2e.resolve("run.mjs"))) {
            return "no e2e/run.mjs found above " + Path.of("").toAbsolutePath();
        }
        if (!Files.isExecutable(CHROMIUM)) {
            return "no Chromium at " + CHROMIUM;
        }
        if (!Files.isDirectory(e2e.resolve("node_modules/playwright-core"))) {
            return "no " + e2e.resolve("node_modules") + " (npm ci --prefix e2e)";
        }
        try {
            Process version = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            if (!version.waitFor(20, TimeUnit.SECONDS) || version.exitValue() != 0) {
                return "node does not run";
            }
        } catch (IOException e) {
            return "no node on PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }
}
