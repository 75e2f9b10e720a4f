package dev.llmcache.migration;

/** This server already runs {@code cache.migration.max-concurrent} migrations: a 429, to retry later. */
public class TooManyMigrationsException extends RuntimeException {

    public TooManyMigrationsException(int running) {
        super("This server already runs " + running + " migration" + (running == 1 ? "" : "s")
                + " (cache.migration.max-concurrent); retry when one has ended.");
    }
}
