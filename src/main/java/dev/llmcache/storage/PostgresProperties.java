package dev.llmcache.storage;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the PostgreSQL store path under {@code cache.postgres.*}; ignored on SQLite.
 *
 * @param groupCommit commit the stores waiting at the same moment in one transaction (one writer
 *     thread per replica); false: each store in a transaction of its own, concurrently
 * @param writeWaitTimeout how long a store waits for its group to start before a 503
 */
@Validated
@ConfigurationProperties("cache.postgres")
public record PostgresProperties(
        @DefaultValue("true") boolean groupCommit,
        @NotNull @DefaultValue("PT60S") Duration writeWaitTimeout) {
}
