package dev.llmcache.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The offline command in a JVM of its own, through {@code main}, as {@code java -jar ... migrate} runs it. */
final class MigrateProcess {

    private static final Pattern ID = Pattern.compile("Migration id: +(\\S+)");

    private MigrateProcess() {
    }

    /** What the process printed (stdout and stderr together) and its exit status. */
    record Exit(int status, String output) {

        String migrationId() {
            Matcher matcher = ID.matcher(output);
            if (!matcher.find()) {
                throw new AssertionError("no migration id in:\n" + output);
            }
            return matcher.group(1);
        }
    }

    static Exit run(Path log, String... args) {
        return run(List.of(), log, args);
    }

    /**
     * The command without the right to read what its file permissions forbid, even when the tests run
     * as root (as CI does): root's process is started without the capabilities that bypass file
     * permissions ({@code setpriv}, util-linux), so a file of mode 000 is as unreadable to it as to anyone.
     */
    static Exit runUnprivileged(Path log, String... args) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return run(log, args);
        }
        return run(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"), log, args);
    }

    private static Exit run(List<String> prefix, Path log, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.llmcache.LlmCacheServerApplication", "migrate"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("migrate did not end within 180 s:\n" + Files.readString(log));
            }
            return new Exit(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
