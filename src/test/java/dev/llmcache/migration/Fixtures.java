package dev.llmcache.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Copies the legacy cache fixtures of src/test/resources/legacy into a test's own directory. */
final class Fixtures {

    private Fixtures() {
    }

    /** Copies {@code legacy/<name>} to {@code <dir>/<name>} and returns the copy. */
    static Path copy(String name, Path dir) {
        try {
            Path from = Path.of(Fixtures.class.getResource("/legacy/" + name).toURI());
            Path to = dir.resolve(name);
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(from)) {
                paths = walk.toList();
            }
            for (Path path : paths) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
