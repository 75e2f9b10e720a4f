package dev.llmcache.migration;

import dev.llmcache.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressRendererTests {

    private static final String FILE = "/home/ana/proj/src/a.json";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:15:00Z"));
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void terminalBarFitsEightyColumnsWithRateAndEta() {
        ProgressRenderer renderer = new ProgressRenderer(out, true, clock, 80);
        clock.advance(Duration.ofSeconds(10));

        renderer.update(new MigrationProgress(100_000, 44_990, 10, 0, FILE));

        assertThat(output()).isEqualTo(
                "\r[======>        ]  45% 45000/100000  failed 10  skipped 0  4500/s  ETA 00:00:12");
        assertThat(output().length() - 1).isEqualTo(79);
    }

    @Test
    void wideTerminalAlsoShowsTheEndOfTheCurrentFile() {
        ProgressRenderer renderer = new ProgressRenderer(out, true, clock, 120);
        clock.advance(Duration.ofSeconds(10));

        renderer.update(new MigrationProgress(100_000, 44_990, 10, 0, FILE));

        assertThat(output()).isEqualTo("\r[==================>                     ]  45% 45000/100000  failed 10  "
                + "skipped 0  4500/s  ETA 00:00:12  ...src/a.json");
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondOnATerminal() {
        ProgressRenderer renderer = new ProgressRenderer(out, true, clock, 80);

        renderer.update(new MigrationProgress(10, 1, 0, 0, null));
        clock.advance(Duration.ofMillis(99));
        renderer.update(new MigrationProgress(10, 2, 0, 0, null));
        clock.advance(Duration.ofMillis(1));
        renderer.update(new MigrationProgress(10, 3, 0, 0, null));

        assertThat(output().split("\r", -1)).hasSize(3);
        assertThat(output()).contains(" 10% 1/10").doesNotContain(" 20% 2/10").contains(" 30% 3/10");
    }

    @Test
    void shorterLineBlanksOutTheRestOfTheLongerOne() {
        ProgressRenderer renderer = new ProgressRenderer(out, true, clock, 120);
        renderer.update(new MigrationProgress(100_000, 0, 0, 0, FILE));
        String first = output();
        clock.advance(Duration.ofSeconds(1));

        renderer.update(new MigrationProgress(100_000, 1, 0, 0, null));

        String second = output().substring(first.length());
        assertThat(first).hasSize(1 + 119);
        assertThat(second).isEqualTo("\r[>" + " ".repeat(39) + "]   0% 1/100000  failed 0  skipped 0  1/s  "
                + "ETA 27:46:39" + " ".repeat(23));
    }

    @Test
    void finishDrawsAtOnceAndEndsTheLine() {
        ProgressRenderer renderer = new ProgressRenderer(out, true, clock, 80);
        renderer.update(new MigrationProgress(4, 1, 0, 0, null));
        clock.advance(Duration.ofMillis(2));

        renderer.finish(new MigrationProgress(4, 3, 1, 0, null));

        assertThat(output()).isEqualTo("\r[=======>" + " ".repeat(20) + "]  25% 1/4  failed 0  skipped 0  0/s  "
                + "ETA --:--:--\r[" + "=".repeat(25) + "] 100% 4/4  failed 1  skipped 0  2000/s  ETA 00:00:00"
                + System.lineSeparator());
    }

    @Test
    void plainModeWritesALineEveryFiveSeconds() {
        ProgressRenderer renderer = new ProgressRenderer(out, false, clock, 80);

        renderer.update(new MigrationProgress(1000, 0, 0, 0, null));
        clock.advance(Duration.ofMillis(4999));
        renderer.update(new MigrationProgress(1000, 400, 0, 0, FILE));
        clock.advance(Duration.ofMillis(1));
        renderer.update(new MigrationProgress(1000, 490, 7, 3, FILE));
        renderer.finish(new MigrationProgress(1000, 990, 7, 3, null));

        assertThat(output()).isEqualTo(String.join(System.lineSeparator(),
                "migrated 0, failed 0, skipped 0 of 1000 (0%), 0 entries/s",
                "migrated 490, failed 7, skipped 3 of 1000 (50%), 100 entries/s, at " + FILE,
                "migrated 990, failed 7, skipped 3 of 1000 (100%), 200 entries/s", ""));
    }

    @Test
    void emptyMigrationIsComplete() {
        ProgressRenderer renderer = new ProgressRenderer(out, false, clock, 80);

        renderer.finish(new MigrationProgress(0, 0, 0, 0, null));

        assertThat(output()).isEqualTo("migrated 0, failed 0, skipped 0 of 0 (100%), 0 entries/s"
                + System.lineSeparator());
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
