package dev.lectern.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's "Try it" block is a runnable walk-through of a whole class: this test runs exactly that
 * block with bash against this test instance (only the port differs) and checks what the class's log
 * holds afterwards. A step whose command no longer fits the API shows up here as a missing event.
 */
class ReadmeTryItIT extends PlatformIT {

    private static final Pattern CLASS_LINE = Pattern.compile("(?m)^class ([0-9a-f-]{36})$");

    @LocalServerPort
    int port;

    @Test
    void theWalkThroughRunsAndLeavesTheWholeClassInTheLog(@TempDir Path temp) throws Exception {
        Path root = repositoryRoot();
        String script = tryItBlock(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8))
                .replace("localhost:8080", "127.0.0.1:" + port);
        Path file = temp.resolve("try-it.sh");
        Files.writeString(file, script);
        Path output = temp.resolve("output.txt");
        ProcessBuilder bash = new ProcessBuilder("bash", "-eu", "-o", "pipefail", file.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        bash.environment().put("TMPDIR", temp.toString());
        Process process = bash.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(finished)
                .as("the walk-through finished within 120 s; it printed:%n%s", printed)
                .isTrue();
        assertThat(process.exitValue())
                .as("exit status; it printed:%n%s", printed)
                .isZero();

        Matcher line = CLASS_LINE.matcher(printed);
        assertThat(line.find())
                .as("it prints the class id; it printed:%n%s", printed)
                .isTrue();
        UUID session = UUID.fromString(line.group(1));
        List<String> names = jdbc.queryForList(
                "SELECT event_name FROM session_state_events_readable WHERE session_id = ? ORDER BY global_index",
                String.class,
                session);
        assertThat(names)
                .as("the class's log; the walk-through printed:%n%s", printed)
                .containsSubsequence(
                        "session.scheduled",
                        "session.started",
                        "participant.joined",
                        "participant.joined",
                        "scene.created",
                        "scene.changed",
                        "deck.added",
                        "slide.changed",
                        "cta.shown",
                        "chat.posted",
                        "chat.posted",
                        "chat.hidden",
                        "question.asked",
                        "question.upvoted",
                        "question.answered",
                        "poll.created",
                        "poll.opened",
                        "poll.vote_cast",
                        "poll.vote_cast",
                        "poll.vote_cast",
                        "poll.vote_cast",
                        "poll.closed",
                        "poll.results_published",
                        "participant.left",
                        "session.ended");
        assertThat(names).as("ending twice appends nothing").containsOnlyOnce("session.ended", "session.started");
        assertThat(printed)
                .as("the student's stream saw the class live")
                .contains("event:state", "event:chat.posted", "event:poll.results_published", "event:session.ended")
                .as("the NUL in a chat text is a 400 problem naming the field")
                .contains("\"status\":400")
                .contains("/text")
                .as("four ballots: the first student and student1..3 (options 0, 1, 0, 1)")
                .contains("\"counts\":[2,2,0],\"ballots\":4");
    }

    /** The first bash block under the "## Try it" heading. */
    static String tryItBlock(String readme) {
        int section = readme.indexOf("\n## Try it");
        assertThat(section).as("README has a Try it section").isPositive();
        int start = readme.indexOf("```bash\n", section);
        int end = readme.indexOf("\n```", start + 8);
        assertThat(start).as("Try it has a bash block").isPositive();
        return readme.substring(start + "```bash\n".length(), end + 1);
    }

    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("platform"))) {
                return dir;
            }
        }
        throw new IOException("No repository root above " + Path.of("").toAbsolutePath());
    }
}
