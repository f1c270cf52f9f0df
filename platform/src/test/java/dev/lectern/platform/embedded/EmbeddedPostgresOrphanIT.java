package dev.lectern.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL left running by a killed Lectern is ended at the next start, found through its postmaster.pid. */
class EmbeddedPostgresOrphanIT {

    @TempDir
    Path data;

    @Test
    void theOrphanedServerOfThisDataFolderIsEnded() throws Exception {
        EmbeddedPostgres orphan = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
        try {
            long pid = Long.parseLong(
                    Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            assertThat(ProcessHandle.of(pid)).isPresent();

            EmbeddedPostgresServer.endOrphan(data);

            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            orphan.close();
        }
    }
}
