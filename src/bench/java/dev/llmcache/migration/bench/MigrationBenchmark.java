package dev.llmcache.migration.bench;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.migration.Compaction;
import dev.llmcache.migration.LegacyFile;
import dev.llmcache.migration.LegacyLayout;
import dev.llmcache.migration.LegacyScanner;
import dev.llmcache.migration.LegacySource;
import dev.llmcache.migration.Migration;
import dev.llmcache.migration.MigrationResult;
import dev.llmcache.migration.MigrationService;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Migrates a legacy cache into a fresh SQLite database with the real migration code, side by side with
 * reading every file once ({@code xargs -0 cat}), in one run:
 * <ol>
 *   <li>cat: the scanned files piped to {@code xargs -0 cat > /dev/null}, the plain-read baseline,</li>
 *   <li>migrate: {@link MigrationService#runHere} into a new database (the application is started
 *       first and not timed): count, parse, key, compress on all cores, store in batched
 *       transactions,</li>
 *   <li>re-run: the same migration again, every entry already there (skipped),</li>
 *   <li>verify (with {@code --verify}): the migration with verification into another namespace, so every
 *       entry is stored, read back and compared with its file,</li>
 *   <li>cli (with {@code --cli}): {@code java -cp ... LlmCacheServerApplication migrate} into another new
 *       database, timed end to end (JVM and application start included).</li>
 * </ol>
 * Peak heap is the sum of the heap pools' peaks during a phase (an upper bound); run it with a small
 * {@code -Xmx} to show that memory does not grow with the number of entries.
 *
 * <p>Usage: {@code MigrationBenchmark <source> [rounds=1] [--cli] [--verify] [--property=value ...]}: properties (such as
 * {@code --cache.migration.batch-size=1000}) go to the application, and to the offline command.
 */
public final class MigrationBenchmark {

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MigrationBenchmark <source> [rounds=1] [--cli] [--verify] [--property=value ...]");
            System.exit(2);
        }
        Path sourceDir = Path.of(args[0]).toAbsolutePath().toRealPath();
        int rounds = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 1;
        boolean cli = List.of(args).contains("--cli");
        boolean verify = List.of(args).contains("--verify");
        List<String> properties = List.of(args).stream().filter(arg -> arg.startsWith("--") && arg.contains("="))
                .toList();
        LegacySource source = LegacySource.resolve(sourceDir, LegacyLayout.AUTO);
        Path work = Files.createTempDirectory("migration-bench-");
        System.out.printf(Locale.ROOT, "source %s (%s, %d repos), java %s, %d cores, max heap %d MiB, work %s%n",
                source.root(), source.layout(), source.repos().size(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, work);
        try {
            for (int round = 1; round <= rounds; round++) {
                System.out.println("round " + round);
                round(source, work.resolve("round-" + round), cli, verify, properties);
            }
        } finally {
            delete(work);
        }
    }

    private static void round(LegacySource source, Path work, boolean cli, boolean verify, List<String> properties)
            throws Exception {
        double cat = measure("cat", () -> new Outcome(cat(source), null));
        long started = System.nanoTime();
        List<String> arguments = new ArrayList<>(properties);
        arguments.add("--cache.data-dir=" + work.resolve("data"));
        try (ConfigurableApplicationContext application = LlmCacheServerApplication.startOffline(
                arguments.toArray(String[]::new))) {
            System.out.printf(Locale.ROOT, "  %-8s application started in %.2f s%n", "", seconds(started));
            MigrationService service = application.getBean(MigrationService.class);
            double migrate = measure("migrate", () -> outcome(service.runHere("bench", source, false, false, false,
                    Compaction.NEVER, progress -> { })));
            measure("re-run", () -> outcome(service.runHere("bench", source, false, false, false, Compaction.NEVER,
                    progress -> { })));
            System.out.printf(Locale.ROOT, "  migrate / cat = %.2f%n", migrate / cat);
            if (verify) {
                measure("verify", () -> outcome(service.runHere("bench-verify", source, false, true, false,
                        Compaction.NEVER, progress -> { })));
            }
        }
        System.out.printf(Locale.ROOT, "  database %s: %.1f MiB%n", work.resolve("data/cache.db"),
                Files.size(work.resolve("data/cache.db")) / 1048576.0);
        if (cli) {
            cli(source, work.resolve("cli-data"), properties);
        }
    }

    /** What a phase did: the files it handled and, for a migration, its result. */
    private record Outcome(long files, MigrationResult result) {
    }

    private interface Phase {
        Outcome run() throws Exception;
    }

    private static Outcome outcome(Migration migration) {
        if (migration.result() == null || migration.error() != null) {
            throw new IllegalStateException("migration failed: " + migration.error());
        }
        return new Outcome(migration.result().totalEntries(), migration.result());
    }

    /** Runs a phase and prints its figures; answers its time in seconds. */
    private static double measure(String name, Phase phase) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        Outcome outcome = phase.run();
        double seconds = seconds(started);
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "  %-8s %7d files in %6.2f s = %8.0f files/s, peak heap %4d MiB%s%n", name,
                outcome.files(), seconds, outcome.files() / seconds, peak >> 20, describe(outcome.result()));
        return seconds;
    }

    private static String describe(MigrationResult result) {
        if (result == null) {
            return "";
        }
        return String.format(Locale.ROOT, " (migrated %d, skipped %d, failed %d%s; %.1f MiB of JSON files -> %.1f MiB "
                        + "stored, %.1f%% saved)", result.totalMigrated(), result.totalSkipped(), result.totalFailed(),
                result.verified() == null ? "" : ", verified " + result.verified(),
                result.sourceSize() / 1048576.0, result.destinationSize() / 1048576.0, result.spaceSavedPercent());
    }

    /** The offline command in a JVM of its own, timed from launch to exit. */
    private static void cli(LegacySource source, Path data, List<String> properties)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-Xmx")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.llmcache.LlmCacheServerApplication",
                "migrate", "--source", source.root().toString(), "--cache.data-dir=" + data));
        command.addAll(properties);
        Path log = Files.createTempFile("migration-bench-cli-", ".log");
        long started = System.nanoTime();
        int status = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        double seconds = seconds(started);
        String output = Files.readString(log);
        Files.delete(log);
        String total = output.lines().filter(line -> line.startsWith("  Total entries:")).findFirst().orElse("?");
        long files = Long.parseLong(total.replaceAll("\\D", "").isEmpty() ? "0" : total.replaceAll("\\D", ""));
        System.out.printf(Locale.ROOT, "  %-8s %7d files in %6.2f s = %8.0f files/s end to end (JVM and start-up "
                + "included), exit %d%n", "cli", files, seconds, files / seconds, status);
        if (status != 0) {
            System.out.println(output);
        }
    }

    /** Streams the scanned paths into {@code xargs -0 cat}, so cat reads exactly the files the migration does. */
    private static long cat(LegacySource source) throws IOException, InterruptedException {
        Process cat = new ProcessBuilder("xargs", "-0", "cat").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long files = 0;
        try (OutputStream paths = new BufferedOutputStream(cat.getOutputStream());
                Stream<LegacyFile> scanned = LegacyScanner.scan(source)) {
            for (LegacyFile file : (Iterable<LegacyFile>) scanned::iterator) {
                paths.write(file.path().toString().getBytes(StandardCharsets.UTF_8));
                paths.write(0);
                files++;
            }
        }
        if (cat.waitFor() != 0) {
            throw new IllegalStateException("xargs cat exited with " + cat.exitValue());
        }
        return files;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
