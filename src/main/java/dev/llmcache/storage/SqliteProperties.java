package dev.llmcache.storage;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the embedded SQLite database under {@code cache.sqlite.*}; ignored on PostgreSQL.
 *
 * @param synchronous FULL survives power loss, NORMAL only a crash of the process
 * @param readPoolSize connections that serve reads in parallel with the single writer
 * @param busyTimeout how long a connection waits for a lock held by another process
 * @param writeWaitTimeout how long a write waits for the writer connection before a 503
 * @param writerCacheSize the writer connection's page cache: inserts and evictions touch a dozen
 *     indexes per row, and a cache that holds their hot pages makes them markedly cheaper
 * @param startupCheck run PRAGMA quick_check on the file at start-up and refuse to start on a damaged one;
 *     it reads the whole file, so a very large database may switch it off
 */
@Validated
@ConfigurationProperties("cache.sqlite")
public record SqliteProperties(
        @NotNull @DefaultValue("FULL") Synchronous synchronous,
        @Min(1) @Max(64) @DefaultValue("8") int readPoolSize,
        @NotNull @DefaultValue("PT10S") Duration busyTimeout,
        @NotNull @DefaultValue("PT60S") Duration writeWaitTimeout,
        @NotNull @DefaultValue("64MB") DataSize writerCacheSize,
        @DefaultValue("true") boolean startupCheck) {

    /** The durability levels that make sense in WAL mode. */
    public enum Synchronous { NORMAL, FULL }
}
