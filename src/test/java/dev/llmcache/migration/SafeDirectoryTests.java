package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeDirectoryTests {

    @TempDir
    Path dir;

    @Test
    void aLinkOnTheWayDownFromTheAnchorIsRefusedNotFollowed() throws IOException {
        Path anchor = Files.createDirectories(dir.resolve("anchor"));
        Fixtures.write(dir.resolve("outside/deep/secret.json"), "{}");
        Files.createSymbolicLink(anchor.resolve("link"), dir.resolve("outside"));

        assertThatThrownBy(() -> SafeDirectory.open(anchor, Path.of("link/deep")))
                .isInstanceOfSatisfying(FileSystemException.class, e -> {
                    assertThat(e.getFile()).isEqualTo(anchor.resolve("link").toString());
                    assertThat(IoErrors.describe(e)).isEqualTo(IoErrors.SYMBOLIC_LINK);
                });
    }

    @Test
    void theAnchorItselfIsOpenedByItsPathLinksFollowed() throws IOException {
        Fixtures.write(dir.resolve("real/a/entry.json"), "{\"x\": 1}");
        Path anchor = Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("real"));

        try (SafeDirectory a = SafeDirectory.open(anchor, Path.of("a"))) {
            assertThat(a.path()).isEqualTo(anchor.resolve("a"));
            assertThat(new String(a.read("entry.json", 100))).isEqualTo("{\"x\": 1}");
        }
    }

    @Test
    void aFileIsReadOnlyWhenItIsNoLinkAndUpToTheLimit() throws IOException {
        Path anchor = Files.createDirectories(dir.resolve("anchor"));
        Fixtures.write(anchor.resolve("entry.json"), "0123456789");
        Path secret = Fixtures.write(dir.resolve("secret.json"), "hunter2");
        Files.createSymbolicLink(anchor.resolve("linked.json"), secret);

        try (SafeDirectory opened = SafeDirectory.open(anchor, Path.of(""))) {
            assertThat(new String(opened.read("entry.json", 4))).isEqualTo("0123");
            assertThat(opened.attributes("linked.json").isSymbolicLink()).isTrue();
            assertThatThrownBy(() -> opened.read("linked.json", 100)).isInstanceOfSatisfying(IOException.class,
                    e -> assertThat(IoErrors.describe(e)).isEqualTo(IoErrors.SYMBOLIC_LINK));
            assertThatThrownBy(() -> opened.child("linked.json")).isInstanceOf(FileSystemException.class);
        }
    }
}
