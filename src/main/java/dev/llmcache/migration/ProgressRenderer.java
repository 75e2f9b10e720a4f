package dev.llmcache.migration;

import java.io.Console;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Draws a migration's progress: a bar redrawn in place on a terminal, or plain lines now and then
 * when the output goes to a file or a pipe. Redraws are rate-limited, so calling {@link #update}
 * for every file costs little; thread-safe.
 */
public final class ProgressRenderer {

    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(100);
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);
    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 40;
    private static final int MIN_FILE = 12;

    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private final int width;
    private final Instant started;
    private Instant lastDraw;
    private int lastLength;

    ProgressRenderer(PrintStream out, boolean terminal, Clock clock, int width) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.width = width;
        this.started = clock.instant();
    }

    /** A renderer for {@code out} that draws a bar when the JVM runs on a terminal, plain lines otherwise. */
    public static ProgressRenderer forConsole(PrintStream out, Clock clock) {
        return new ProgressRenderer(out, onTerminal(), clock, terminalWidth());
    }

    /** Draws {@code progress} unless the last drawing is too recent. */
    public synchronized void update(MigrationProgress progress) {
        Instant now = clock.instant();
        if (lastDraw == null || !now.isBefore(lastDraw.plus(terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL))) {
            draw(progress, now);
        }
    }

    /** Draws the final state whatever the time, and ends the bar's line. */
    public synchronized void finish(MigrationProgress progress) {
        draw(progress, clock.instant());
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private void draw(MigrationProgress progress, Instant now) {
        lastDraw = now;
        double seconds = Duration.between(started, now).toMillis() / 1000.0;
        long rate = seconds > 0 ? Math.round(progress.done() / seconds) : 0;
        if (!terminal) {
            out.println(plainLine(progress, rate));
            return;
        }
        String line = barLine(progress, rate);
        // pad over the previous, possibly longer line instead of relying on ANSI erase codes
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        out.flush();
    }

    private static String plainLine(MigrationProgress progress, long rate) {
        return String.format(Locale.ROOT, "migrated %d, failed %d, skipped %d of %d (%d%%), %d entries/s%s",
                progress.migrated(), progress.failed(), progress.skipped(), progress.total(), percent(progress),
                rate, progress.currentFile() == null ? "" : ", at " + progress.currentFile());
    }

    private String barLine(MigrationProgress progress, long rate) {
        String figures = String.format(Locale.ROOT, " %3d%% %d/%d  failed %d  skipped %d  %d/s  ETA %s",
                percent(progress), progress.done(), progress.total(), progress.failed(), progress.skipped(), rate,
                eta(progress, rate));
        // the bar takes what the figures leave of the line, and the current file what the bar leaves
        int barWidth = Math.max(MIN_BAR, Math.min(MAX_BAR, width - 1 - figures.length() - 2));
        String line = "[" + bar(progress, barWidth) + "]" + figures;
        int room = width - 1 - line.length() - 2;
        if (progress.currentFile() != null && room >= MIN_FILE) {
            line += "  " + tail(progress.currentFile(), room);
        }
        return line.length() > width - 1 ? line.substring(0, width - 1) : line;
    }

    private static int percent(MigrationProgress progress) {
        return progress.total() <= 0 ? 100 : (int) Math.min(100, progress.done() * 100 / progress.total());
    }

    private static String bar(MigrationProgress progress, int width) {
        int filled = progress.total() <= 0 ? width : (int) Math.min(width, progress.done() * width / progress.total());
        return filled == width ? "=".repeat(width) : "=".repeat(filled) + ">" + " ".repeat(width - filled - 1);
    }

    private static String eta(MigrationProgress progress, long rate) {
        if (rate <= 0) {
            return "--:--:--";
        }
        long left = Math.max(0, progress.total() - progress.done()) / rate;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", left / 3600, left / 60 % 60, left % 60);
    }

    private static String tail(String text, int room) {
        return text.length() <= room ? text : "..." + text.substring(text.length() - (room - 3));
    }

    /** Java 22+ returns a Console even when redirected and adds {@code isTerminal()} to tell. */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17 to 21: a console means a terminal
        }
    }

    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
            return Math.max(40, columns);
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
