package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrateOptionsTests {

    @Test
    void defaultsAreAutoLayoutDefaultNamespaceNoFlagsAndCompactingAFirstImport() throws Exception {
        assertThat(MigrateOptions.parse("--source", "/data/repos")).isEqualTo(new MigrateOptions("/data/repos",
                LegacyLayout.AUTO, "default", false, false, false, Compaction.FIRST_IMPORT, false, List.of()));
    }

    @Test
    void compactAlwaysCompactsAndNoCompactNever() throws Exception {
        assertThat(MigrateOptions.parse("--source", "/x", "--compact").compaction()).isEqualTo(Compaction.ALWAYS);
        assertThat(MigrateOptions.parse("--source", "/x", "--no-compact").compaction()).isEqualTo(Compaction.NEVER);
        assertThat(MigrateOptions.parse("--source", "/x", "--compact", "--compact").compaction())
                .isEqualTo(Compaction.ALWAYS);
        assertThat(MigrateOptions.parse("--source", "/x", "--no-compact", "--dry-run").compaction())
                .isEqualTo(Compaction.NEVER);
    }

    @Test
    void optionsTakeTheirValueNextOrAfterAnEqualsSignAndPropertiesPassThrough() throws Exception {
        MigrateOptions options = MigrateOptions.parse("--source=/a b", "--layout", "centralized", "--namespace=team-a",
                "--backup", "--verify", "--compact", "--cache.data-dir=/var/lib/cache", "--spring.datasource.url=jdbc:postgresql://h/db");

        assertThat(options).isEqualTo(new MigrateOptions("/a b", LegacyLayout.CENTRALIZED, "team-a", true, true, false,
                Compaction.ALWAYS, false, List.of("--cache.data-dir=/var/lib/cache", "--spring.datasource.url=jdbc:postgresql://h/db")));
    }

    @Test
    void helpAnywhereWinsOverEverythingElse() throws Exception {
        assertThat(MigrateOptions.parse("--frobnicate", "-h").help()).isTrue();
        assertThat(MigrateOptions.parse("-h", "--frobnicate").help()).isTrue();
        assertThat(MigrateOptions.parse("--help").help()).isTrue();
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertUsage("--source DIR is required");
        assertUsage("--source DIR is required", "--dry-run");
        assertUsage("--source needs a value", "--source");
        assertUsage("--source needs a value", "--source", "--backup");
        assertUsage("--backup takes no value", "--source", "/x", "--backup=yes");
        assertUsage("unknown argument --frobnicate", "--source", "/x", "--frobnicate");
        assertUsage("unknown argument stray", "--source", "/x", "stray");
        assertUsage("unknown argument --=x", "--source", "/x", "--=x");
        assertUsage("--layout must be one of [AUTO, CENTRALIZED, LOCAL], was flat", "--source", "/x", "--layout", "flat");
        assertUsage("--namespace must be 1 to 64 lowercase letters, digits, '_' or '-', starting with a letter or "
                + "digit, was Team", "--source", "/x", "--namespace", "Team");
        assertUsage("--verify cannot be combined with --dry-run: a dry run stores nothing to verify", "--source", "/x",
                "--verify", "--dry-run");
        assertUsage("--compact cannot be combined with --dry-run: a dry run stores nothing to compact", "--source", "/x",
                "--compact", "--dry-run");
        assertUsage("--compact takes no value", "--source", "/x", "--compact=yes");
        assertUsage("--no-compact takes no value", "--source", "/x", "--no-compact=yes");
        assertUsage("--compact and --no-compact cannot be combined", "--source", "/x", "--compact", "--no-compact");
        assertUsage("--compact and --no-compact cannot be combined", "--source", "/x", "--no-compact", "--compact");
    }

    private static void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> MigrateOptions.parse(args)).isInstanceOf(MigrateOptions.UsageException.class)
                .hasMessage(message);
    }
}
