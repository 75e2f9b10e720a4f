package dev.llmcache.compression;

import dev.llmcache.storage.DatabaseMaintenance;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One dictionary run at a time: across replicas through ShedLock's row {@code dictionaries} in the
 * {@code shedlock} table (as eviction does), within this process through a lock. The row is taken
 * and released in transactions of their own, never around the run, and kept alive while it lasts,
 * so a replica that dies frees it within {@link #AT_MOST_FOR}. A run that finds it taken is skipped.
 */
@Component
class DictionaryLock {

    static final String NAME = "dictionaries";
    static final Duration AT_MOST_FOR = Duration.ofSeconds(60);

    private final ReentrantLock local = new ReentrantLock();
    private final LockProvider provider;

    DictionaryLock(DataSource dataSource, PlatformTransactionManager transactions, DatabaseMaintenance database,
            ThreadPoolTaskScheduler taskScheduler) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        JdbcTemplateLockProvider.Configuration.Builder configuration = JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTransactionManager(transactions).withTableName("shedlock");
        database.configureLocks(configuration, jdbc);
        this.provider = new KeepAliveLockProvider(new JdbcTemplateLockProvider(configuration.build()),
                taskScheduler.getScheduledExecutor());
    }

    /** Runs the task holding the lock; empty, without running it, when the lock is taken. */
    <T> Optional<T> runIfFree(Supplier<T> task) {
        if (!local.tryLock()) {
            return Optional.empty();
        }
        try {
            Optional<SimpleLock> held = provider.lock(new LockConfiguration(Instant.now(), NAME, AT_MOST_FOR, Duration.ZERO));
            if (held.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(task.get());
            } finally {
                held.get().unlock();
            }
        } finally {
            local.unlock();
        }
    }
}
