package dev.llmcache.entry;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The in-memory copies of recently served entries under {@code cache.hot-entries.*} ({@link HotEntries}).
 *
 * @param maxSize at most this much memory for the copies (each copy's result, as JSON once checked, and
 *     its metadata, estimated); 0 turns them off. On PostgreSQL each copy is also forgotten when another
 *     replica changes its entry
 * @param lifetime how long a copy lives at most, which bounds what a process writing the database without telling
 *     this server (the offline {@code migrate} beside it, a change by hand) can leave stale in a copy
 */
@Validated
@ConfigurationProperties("cache.hot-entries")
public record HotEntriesProperties(@NotNull @DefaultValue("16MB") DataSize maxSize,
        @NotNull @DefaultValue("1m") Duration lifetime) {

    @AssertTrue(message = "cache.hot-entries.max-size must be between 0 (off) and 1GB")
    public boolean isMaxSizeValid() {
        return maxSize == null || (maxSize.toBytes() >= 0 && maxSize.toBytes() <= DataSize.ofGigabytes(1).toBytes());
    }

    @AssertTrue(message = "cache.hot-entries.lifetime must be positive, e.g. 1m")
    public boolean isLifetimePositive() {
        return lifetime == null || (!lifetime.isNegative() && !lifetime.isZero());
    }
}
