package dev.llmcache.migration.bench;

import dev.llmcache.migration.LegacyEntry;
import dev.llmcache.migration.LegacyEntryParser;
import dev.llmcache.migration.LegacyFile;
import dev.llmcache.migration.LegacyLayout;
import dev.llmcache.migration.LegacyOutcome;
import dev.llmcache.migration.LegacyScanner;
import dev.llmcache.migration.LegacySource;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Times the migration's read side on a legacy cache, side by side with simply reading every file once:
 * <ol>
 *   <li>count: the up-front walk that gives the progress total,</li>
 *   <li>cat: the same files piped to {@code xargs -0 cat > /dev/null}, the plain-read baseline,</li>
 *   <li>read: walk + read every candidate file's bytes in Java,</li>
 *   <li>parse: walk + read + parse + validate every file into entries or failures, on one thread,</li>
 *   <li>parse x N: the same on all cores (the parser is thread-safe).</li>
 * </ol>
 * Peak heap is the sum of the heap pools' peak usage during each phase (an upper bound: pools may peak
 * at different moments). Run it with a small {@code -Xmx} to show that memory does not grow with the
 * number of entries.
 *
 * <p>Usage: {@code LegacyReadBenchmark <source> [rounds=3]}
 */
public final class LegacyReadBenchmark {

    private static final LongAdder READ_BYTES = new LongAdder();

    private LegacyReadBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LegacyReadBenchmark <source> [rounds=3]");
            System.exit(2);
        }
        LegacySource source = LegacySource.resolve(Path.of(args[0]).toAbsolutePath(), LegacyLayout.AUTO);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        LegacyEntryParser parser = new LegacyEntryParser();
        System.out.printf(Locale.ROOT, "source %s (%s, %d repos), java %s, %d cores, max heap %d MiB%n",
                source.root(), source.layout(), source.repos().size(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round);
            measure("count", () -> LegacyScanner.count(source));
            measure("cat", () -> cat(source));
            measure("read", () -> each(source, false, file -> readAll(file.path())));
            measure("parse", () -> parseAll(source, parser, false));
            measure("parse x" + Runtime.getRuntime().availableProcessors(), () -> parseAll(source, parser, true));
        }
    }

    private interface Phase {
        long run();
    }

    private static void measure(String name, Phase phase) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        long files = phase.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "  %-9s %7d files in %6.2f s = %8.0f files/s, peak heap %4d MiB%n",
                name, files, seconds, files / seconds, peak >> 20);
    }

    private static long parseAll(LegacySource source, LegacyEntryParser parser, boolean parallel) {
        LongAdder entries = new LongAdder();
        LongAdder bytes = new LongAdder();
        long files = each(source, parallel, file -> {
            LegacyOutcome outcome = parser.parse(file);
            if (outcome instanceof LegacyEntry entry) {
                entries.increment();
                bytes.add(entry.sourceBytes());
            }
        });
        if (entries.sum() != files) {
            System.out.printf("  (%d of %d files failed)%n", files - entries.sum(), files);
        }
        return files;
    }

    private static long each(LegacySource source, boolean parallel, Consumer<LegacyFile> action) {
        try (Stream<LegacyFile> files = LegacyScanner.scan(source)) {
            Stream<LegacyFile> stream = parallel ? files.parallel() : files;
            return stream.mapToLong(file -> {
                action.accept(file);
                return 1;
            }).sum();
        }
    }

    /** Streams the scanned paths into {@code xargs -0 cat}, so cat reads exactly the files the parser does. */
    private static long cat(LegacySource source) {
        try {
            Process cat = new ProcessBuilder("xargs", "-0", "cat")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            long files;
            try (OutputStream paths = new BufferedOutputStream(cat.getOutputStream())) {
                files = each(source, false, file -> {
                    try {
                        paths.write(file.path().toString().getBytes(StandardCharsets.UTF_8));
                        paths.write(0);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            if (cat.waitFor() != 0) {
                throw new IllegalStateException("xargs cat exited with " + cat.exitValue());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void readAll(Path file) {
        try {
            READ_BYTES.add(Files.readAllBytes(file).length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
