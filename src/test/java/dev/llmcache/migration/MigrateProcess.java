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
        List<String> command = new ArrayList<>(List.of(
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
