package dev.llmcache.migration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The packaged jar's offline {@code migrate} command: checks its arguments and the source before the
 * application starts (so bad usage costs nothing), runs the migration on this thread with a progress
 * bar on a terminal (plain lines otherwise), prints the Rust tool's summary and answers the exit status.
 * Unlike the API it is not bound to {@code cache.migration.allowed-roots}: whoever runs it can read the
 * files anyway. It follows no links inside the source and never writes to it, as the API does not.
 */
public final class MigrateCommand {

    /** Nothing failed. */
    public static final int OK = 0;
    /** Some files could not be migrated (or did not verify); they are listed in the summary. */
    public static final int SOME_FAILED = 1;
    /** Bad arguments, or a source that is not a legacy cache. */
    public static final int USAGE = 2;
    /** The migration stopped before its end (database, backup, start-up); running it again resumes it. */
    public static final int NOT_FINISHED = 3;

    private MigrateCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code migrate}
     * @param application starts the application (without its web server) with the given arguments
     */
    public static int run(String[] args, Function<String[], ConfigurableApplicationContext> application,
            PrintStream out, PrintStream err) {
        MigrateOptions options;
        try {
            options = MigrateOptions.parse(args);
        } catch (MigrateOptions.UsageException e) {
            err.println("migrate: " + e.getMessage());
            err.println();
            err.println(MigrateOptions.USAGE);
            return USAGE;
        }
        if (options.help()) {
            out.println(MigrateOptions.USAGE);
            return OK;
        }
        LegacySource source;
        try {
            source = LegacySource.resolve(realDirectory(options.source()), options.layout());
        } catch (InvalidMigrationSourceException e) {
            err.println("migrate: " + e.getMessage());
            return USAGE;
        }
        ConfigurableApplicationContext context;
        try {
            context = application.apply(options.springArguments().toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("migrate: the application could not start: " + rootCause(e));
            return NOT_FINISHED;
        }
        try (context) {
            return migrate(context.getBean(MigrationService.class), options, source, out, err);
        }
    }

    private static int migrate(MigrationService service, MigrateOptions options, LegacySource source, PrintStream out,
            PrintStream err) {
        out.println("Migrating " + source.root() + " (" + source.layout() + ", " + source.repos().size()
                + (source.repos().size() == 1 ? " repository" : " repositories") + ") into namespace "
                + options.namespace() + (options.dryRun() ? ", dry run" : ""));
        ProgressRenderer progress = ProgressRenderer.forConsole(out, Clock.systemUTC());
        Migration migration;
        try {
            migration = service.runHere(options.namespace(), source, options.backup(), options.verify(),
                    options.dryRun(), options.compaction(), progress::update);
        } catch (InvalidMigrationSourceException e) {
            err.println("migrate: " + e.getMessage());
            return USAGE;
        }
        progress.finish(migration.progress());
        SummaryPrinter.print(migration.result(), options.dryRun(), out);
        out.println("  Migration id:     " + migration.id());
        if (migration.status() != MigrationStatus.SUCCEEDED) {
            err.println("migrate: the migration stopped before its end: " + migration.error());
            return NOT_FINISHED;
        }
        return migration.result().totalFailed() > 0 ? SOME_FAILED : OK;
    }

    private static Path realDirectory(String source) {
        Path path;
        try {
            path = Path.of(source).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new InvalidMigrationSourceException("source " + source + " is not a valid path: " + e.getReason());
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new InvalidMigrationSourceException("source " + source + (Files.exists(path) ? " cannot be read: "
                    + IoErrors.describe(e) : " does not exist"));
        }
        if (!Files.isDirectory(real)) {
            throw new InvalidMigrationSourceException("source " + source + " is not a directory");
        }
        return real;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
