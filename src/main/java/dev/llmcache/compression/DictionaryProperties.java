package dev.llmcache.compression;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * zstd dictionaries under {@code cache.compression.dictionary.*}: when a kind of result (namespace
 * and cache type) gets one, how big it is, and how the scheduled job trains and re-compresses.
 *
 * @param enabled train dictionaries and compress new results with them; frames that name a
 *     dictionary stay readable when off
 * @param minSamples results a kind must hold before its first dictionary is trained
 * @param maxSamples results (the newest) a dictionary is trained on
 * @param size the size of a trained dictionary
 * @param retrainGrowth a kind is trained again once it holds this many times the entries it held
 *     when its current dictionary was trained
 * @param interval how often the job looks for kinds to train and frames to re-compress
 * @param recompressBatch frames re-compressed per transaction: the writer is free for stores between batches
 */
@Validated
@ConfigurationProperties("cache.compression.dictionary")
public record DictionaryProperties(
        @DefaultValue("true") boolean enabled,
        @Min(value = 10, message = "cache.compression.dictionary.min-samples must be at least 10")
        @DefaultValue("300") int minSamples,
        @Min(value = 10, message = "cache.compression.dictionary.max-samples must be at least 10")
        @Max(value = 100_000, message = "cache.compression.dictionary.max-samples must be at most 100000")
        @DefaultValue("2000") int maxSamples,
        @NotNull @DefaultValue("32KB") DataSize size,
        @DecimalMin(value = "1.1", message = "cache.compression.dictionary.retrain-growth must be at least 1.1")
        @DefaultValue("2.0") double retrainGrowth,
        @NotNull @DefaultValue("PT5M") Duration interval,
        @Min(value = 1, message = "cache.compression.dictionary.recompress-batch must be between 1 and 10000")
        @Max(value = 10_000, message = "cache.compression.dictionary.recompress-batch must be between 1 and 10000")
        @DefaultValue("200") int recompressBatch) {

    @AssertTrue(message = "cache.compression.dictionary.size must be between 1KB and 1MB")
    public boolean isSizeValid() {
        return size == null || (size.toBytes() >= 1024 && size.toBytes() <= 1024 * 1024);
    }

    @AssertTrue(message = "cache.compression.dictionary.max-samples must not be below min-samples")
    public boolean isSampleRangeValid() {
        return maxSamples >= minSamples;
    }

    @AssertTrue(message = "cache.compression.dictionary.interval must be positive, e.g. PT5M")
    public boolean isIntervalPositive() {
        return interval == null || (!interval.isNegative() && !interval.isZero());
    }
}
