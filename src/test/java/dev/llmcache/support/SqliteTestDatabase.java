package dev.llmcache.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Points a test context at a fresh SQLite file in its own temporary directory, deleted on close. */
public class SqliteTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "cache.data-dir=" + temporaryDirectory(context));
    }

    /** A new directory, deleted once the context has closed. */
    static Path temporaryDirectory(ConfigurableApplicationContext context) {
        Path dir;
        try {
            dir = Files.createTempDirectory("llmcache-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                deleteLater(dir);
            }
        });
        return dir;
    }

    /** Deletes after the pools have closed: JVM shutdown is the safe moment for a cached context. */
    private static void deleteLater(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans up what is left
        }
    }
}
