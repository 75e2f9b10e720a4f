package dev.llmcache.migration;

import dev.llmcache.compression.DictionaryJob;
import dev.llmcache.config.CacheProperties;
import dev.llmcache.storage.DatabaseMaintenance;
import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.ImportRepository;
import dev.llmcache.entry.ResultCodec;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The migration's collaborators and its two executors: one thread per migration that may run at
 * once ({@code cache.migration.max-concurrent}), and one worker per core shared by all of them for
 * parsing and compressing files. Both are shut down by the context, after {@link MigrationService}
 * has stopped the running migrations.
 */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

    static final String RUNNERS = "migrationRunners";
    static final String WORKERS = "migrationWorkers";
    /** A stopped migration records itself as FAILED at its next batch; this is long enough for that. */
    static final int STOP_WAIT_SECONDS = 10;

    @Bean(RUNNERS)
    ThreadPoolTaskExecutor migrationRunners(MigrationProperties properties) {
        return executor("migration-", properties.maxConcurrent());
    }

    @Bean(WORKERS)
    ThreadPoolTaskExecutor migrationWorkers() {
        return executor("migration-worker-", Runtime.getRuntime().availableProcessors());
    }

    /** A legacy file larger than a request body could not have been stored through the API either. */
    @Bean
    LegacyEntryParser legacyEntryParser(CacheProperties cache) {
        return new LegacyEntryParser(Math.min(cache.limits().maxRequestBytes().toBytes(), Integer.MAX_VALUE - 1L));
    }

    @Bean
    EntryPreparer entryPreparer(LegacyEntryParser parser, ResultCodec codec) {
        return new EntryPreparer(parser, codec);
    }

    @Bean
    BatchImporter batchImporter(EntryService entryService, EntryRepository entries, ImportRepository imports,
            ResultCodec codec) {
        return new BatchImporter(entryService, entries, imports, codec);
    }

    @Bean
    SourceBackup sourceBackup(Clock clock) {
        return new SourceBackup(clock);
    }

    @Bean
    MigrationRunner migrationRunner(EntryPreparer preparer, BatchImporter importer, MigrationProperties properties,
            MigrationMeters meters, @Qualifier(WORKERS) ThreadPoolTaskExecutor workers) {
        return new MigrationRunner(preparer, importer, workers, workers.getMaxPoolSize(), properties.batchSize(), meters);
    }

    @Bean
    MigrationExecution migrationExecution(MigrationRunner runner, SourceBackup backup, CacheProperties cache,
            MigrationJobs jobs, DatabaseMaintenance database, ImportRepository imports, Clock clock,
            DictionaryJob dictionaries) {
        return new MigrationExecution(runner, backup, cache.effectiveBackupDir().toAbsolutePath().normalize(), jobs,
                database, imports, clock, dictionaries);
    }

    private static ThreadPoolTaskExecutor executor(String prefix, int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(prefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
        // Migrations are started and stopped by MigrationService, not by the context's lifecycle phases.
        executor.setAcceptTasksAfterContextClose(true);
        return executor;
    }
}
