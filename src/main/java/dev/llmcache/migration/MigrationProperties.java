package dev.llmcache.migration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of migrations from the legacy JSON cache under {@code cache.migration}.
 *
 * @param allowedRoots directories POST /api/v1/migrations may read (the offline command is not
 *     restricted); unset means the user's ~/.rustassistant, an empty list means none
 * @param maxConcurrent migrations one server runs at a time; a further request gets 429
 * @param batchSize entries stored per transaction, so API writes interleave with an import
 * @param maxFailuresListed failures kept in a migration's result; totalFailed counts them all
 */
@Validated
@ConfigurationProperties("cache.migration")
public record MigrationProperties(
        List<Path> allowedRoots,
        @Min(value = 1, message = "cache.migration.max-concurrent must be between 1 and 16")
        @Max(value = 16, message = "cache.migration.max-concurrent must be between 1 and 16")
        @DefaultValue("2") int maxConcurrent,
        @Min(value = 1, message = "cache.migration.batch-size must be between 1 and 10000")
        @Max(value = 10_000, message = "cache.migration.batch-size must be between 1 and 10000")
        @DefaultValue("256") int batchSize,
        @Min(value = 0, message = "cache.migration.max-failures-listed must be between 0 and 100000")
        @Max(value = 100_000, message = "cache.migration.max-failures-listed must be between 0 and 100000")
        @DefaultValue("1000") int maxFailuresListed) {

    public MigrationProperties {
        allowedRoots = allowedRoots == null ? AllowedRoots.userDefault().roots() : List.copyOf(allowedRoots);
    }

    /** The allowed roots as the checker the API uses. */
    public AllowedRoots roots() {
        return new AllowedRoots(allowedRoots);
    }
}
