package dev.llmcache.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The offline command's arguments: its own options (with the value as the next argument or after
 * {@code =}) and Spring Boot properties ({@code --name=value}), passed on to the application as they are.
 */
record MigrateOptions(String source, LegacyLayout layout, String namespace, boolean backup, boolean verify,
                      boolean dryRun, Compaction compaction, boolean help, List<String> springArguments) {

    static final String USAGE = """
            usage: java -jar llm-cache-server.jar migrate --source DIR [options] [--property=value ...]

            Imports a legacy JSON cache of the Rust tool into the server's database, offline.

              --source DIR       the legacy cache: a centralized cache's repos directory, or a repository
                                 (or its .rustassistant or .rustassistant/cache) for LOCAL
              --layout L         AUTO (default), CENTRALIZED or LOCAL
              --namespace NS     the namespace to import into (default: default)
              --backup           copy the source under cache.backup-dir first
              --verify           read every imported entry back and compare it with its file
              --dry-run          parse and report everything, store nothing
              --compact          rewrite the database tightly packed after the import (SQLite VACUUM,
                                 PostgreSQL VACUUM FULL): smaller on disk, but every other client of
                                 the database waits while it runs; done by default when the
                                 database held no entries before (a first import)
              --no-compact       never rewrite the database after the import
              -h, --help         this text

            The database is the server's: --cache.data-dir=DIR (SQLite) or
            --spring.datasource.url=jdbc:postgresql://... and any other server property.

            Exit status: 0 when nothing failed, 1 when some files failed (listed in the summary),
            2 for bad usage or a source that is not a legacy cache, 3 when the migration could not
            run to its end (database, backup); run it again to resume.""";

    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    /** Bad arguments: the message says which, for the usage text to follow. */
    static final class UsageException extends Exception {

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static MigrateOptions parse(String... args) throws UsageException {
        String source = null;
        LegacyLayout layout = LegacyLayout.AUTO;
        String namespace = "default";
        boolean backup = false;
        boolean verify = false;
        boolean dryRun = false;
        Compaction compaction = Compaction.FIRST_IMPORT;
        List<String> spring = new ArrayList<>();
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            return new MigrateOptions(null, layout, namespace, false, false, false, compaction, true, List.of());
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--source" -> source = inline != null ? inline : value(args, ++i, name);
                case "--layout" -> layout = layout(inline != null ? inline : value(args, ++i, name));
                case "--namespace" -> namespace = inline != null ? inline : value(args, ++i, name);
                case "--backup" -> backup = flag(name, inline);
                case "--verify" -> verify = flag(name, inline);
                case "--dry-run" -> dryRun = flag(name, inline);
                case "--compact" -> compaction = compaction(name, inline, compaction, Compaction.ALWAYS);
                case "--no-compact" -> compaction = compaction(name, inline, compaction, Compaction.NEVER);
                default -> {
                    if (!arg.startsWith("--") || inline == null || name.length() < 3) {
                        throw new UsageException("unknown argument " + arg);
                    }
                    spring.add(arg);
                }
            }
        }
        if (source == null || source.isBlank()) {
            throw new UsageException("--source DIR is required");
        }
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new UsageException("--namespace must be 1 to 64 lowercase letters, digits, '_' or '-', starting "
                    + "with a letter or digit, was " + namespace);
        }
        if (verify && dryRun) {
            throw new UsageException("--verify cannot be combined with --dry-run: a dry run stores nothing to verify");
        }
        if (compaction == Compaction.ALWAYS && dryRun) {
            throw new UsageException("--compact cannot be combined with --dry-run: a dry run stores nothing to compact");
        }
        return new MigrateOptions(source, layout, namespace, backup, verify, dryRun, compaction, false,
                List.copyOf(spring));
    }

    private static String value(String[] args, int index, String name) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args[index];
    }

    private static boolean flag(String name, String inline) throws UsageException {
        if (inline != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    private static Compaction compaction(String name, String inline, Compaction chosen, Compaction asked)
            throws UsageException {
        flag(name, inline);
        if (chosen != Compaction.FIRST_IMPORT && chosen != asked) {
            throw new UsageException("--compact and --no-compact cannot be combined");
        }
        return asked;
    }

    private static LegacyLayout layout(String value) throws UsageException {
        try {
            return LegacyLayout.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--layout must be one of " + Arrays.toString(LegacyLayout.values()) + ", was "
                    + value);
        }
    }
}
