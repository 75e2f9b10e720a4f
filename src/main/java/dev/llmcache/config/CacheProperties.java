package dev.llmcache.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The server-wide settings under {@code cache.*}; features own their own sub-trees
 * ({@code cache.budget}, {@code cache.eviction}, ...).
 *
 * @param dataDir where the SQLite database lives
 * @param accessFlushInterval how often batched hit counts and access times are written
 * @param compression zstd settings for new entries
 * @param limits size limits
 * @param backupDir where online backups go; <data-dir>/backups when unset
 */
@Validated
@ConfigurationProperties("cache")
public record CacheProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @NotNull @DefaultValue("PT5S") Duration accessFlushInterval,
        @Valid @NotNull @DefaultValue Compression compression,
        @Valid @NotNull @DefaultValue Limits limits,
        Path backupDir) {

    /** The directory backups are written to. */
    public Path effectiveBackupDir() {
        return backupDir != null ? backupDir : dataDir.resolve("backups");
    }

    /** The flush runs on a schedule: it needs a positive period (zero failed the start with a bare exception). */
    @AssertTrue(message = "cache.access-flush-interval must be positive, e.g. PT5S")
    public boolean isAccessFlushIntervalPositive() {
        return accessFlushInterval == null || (!accessFlushInterval.isNegative() && !accessFlushInterval.isZero());
    }

    /** A file where the backups' directory should be would make every backup fail: refused at start-up instead. */
    @AssertTrue(message = "cache.backup-dir must name a directory (it may not exist yet), not a file")
    public boolean isBackupDirADirectory() {
        if (dataDir == null) {
            return true;
        }
        Path dir = effectiveBackupDir();
        return !Files.exists(dir) || Files.isDirectory(dir);
    }

    /**
     * zstd settings for new entries.
     *
     * @param level zstd level of a store, from 1 (fast) to 22 (small); entries already stored keep theirs
     * @param bulkLevel zstd level of results written in bulk off the request path, from 1 to 22: a migration's
     *        imports and the dictionaries' re-compression
     */
    public record Compression(
            @Min(value = 1, message = "cache.compression.level must be between 1 and 22")
            @Max(value = 22, message = "cache.compression.level must be between 1 and 22") @DefaultValue("3") int level,
            @Min(value = 1, message = "cache.compression.bulk-level must be between 1 and 22")
            @Max(value = 22, message = "cache.compression.bulk-level must be between 1 and 22")
            @DefaultValue("15") int bulkLevel) {
    }

    /**
     * Size limits; the optional ones are enforced by scheduled eviction.
     *
     * @param maxRequestBytes larger request bodies get 413
     * @param maxResultBytes larger results (serialized JSON) get 413
     * @param maxBatchResultBytes a batch lookup whose results add up to more (serialized JSON) gets 400, to be split
     * @param maxStoredBytes scheduled eviction keeps the stored bytes under this
     * @param maxEntries scheduled eviction keeps the entries under this
     * @param idleTtl scheduled eviction removes entries not accessed for this long
     */
    public record Limits(
            @NotNull @DefaultValue("16MB") DataSize maxRequestBytes,
            @NotNull @DefaultValue("8MB") DataSize maxResultBytes,
            @NotNull @DefaultValue("32MB") DataSize maxBatchResultBytes,
            DataSize maxStoredBytes,
            @Min(value = 0, message = "cache.limits.max-entries must not be negative") Long maxEntries,
            Duration idleTtl) {

        /** The largest body a request may have: one byte array, so under 2 GB (0 failed the start with a bare exception). */
        static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 1;

        @AssertTrue(message = "cache.limits.max-request-bytes must be from 1B to 2147483646B (2 GB)")
        public boolean isMaxRequestBytesValid() {
            return maxRequestBytes == null || fitsOneArray(maxRequestBytes);
        }

        /** The answer is built in memory: at least one result of the largest size must fit. */
        @AssertTrue(message = "cache.limits.max-batch-result-bytes must be at least cache.limits.max-result-bytes")
        public boolean isMaxBatchResultBytesValid() {
            return maxBatchResultBytes == null || maxResultBytes == null || maxBatchResultBytes.toBytes() >= maxResultBytes.toBytes();
        }

        /** Zero or less started a server that refused every store with 413. */
        @AssertTrue(message = "cache.limits.max-result-bytes must be from 1B to 2147483646B (2 GB)")
        public boolean isMaxResultBytesValid() {
            return maxResultBytes == null || fitsOneArray(maxResultBytes);
        }

        private static boolean fitsOneArray(DataSize size) {
            return size.toBytes() >= 1 && size.toBytes() <= MAX_BODY_BYTES;
        }

        @AssertTrue(message = "cache.limits.max-stored-bytes must not be negative")
        public boolean isMaxStoredBytesValid() {
            return maxStoredBytes == null || !maxStoredBytes.isNegative();
        }

        @AssertTrue(message = "cache.limits.idle-ttl must be positive, e.g. P30D")
        public boolean isIdleTtlValid() {
            return idleTtl == null || (!idleTtl.isNegative() && !idleTtl.isZero());
        }
    }
}
