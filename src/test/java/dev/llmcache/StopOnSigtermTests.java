package dev.llmcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ServerProcess;
import dev.llmcache.support.SqliteTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGTERM stops the server gracefully with exit status 0, so Maven and process managers see a clean stop. */
class StopOnSigtermTests {

    private Path dir;

    @AfterEach
    void delete() {
        SqliteTestDatabase.delete(dir);
    }

    @Test
    void sigtermStopsGracefullyWithStatusZero() throws Exception {
        dir = Files.createTempDirectory("llmcache-sigterm-");
        Path log = dir.resolve("server.log");
        ServerProcess server = ServerProcess.start(dir.resolve("data"), log, "--logging.level.dev.llmcache=info");

        int status = server.terminate();

        assertThat(status).isZero();
        assertThat(Files.readString(log)).contains("SIGTERM: stopping gracefully");
    }
}
