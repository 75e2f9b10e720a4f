package dev.llmcache.eviction;

import dev.llmcache.storage.DatabaseMaintenance;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * One eviction run at a time: across replicas through ShedLock's row in the {@code shedlock}
 * table, and within this process through a fair lock, so that a request waits for a scheduled
 * run here instead of polling the table. The ShedLock row is taken and released in transactions
 * of their own, never around the run, so on SQLite it never holds the one writer connection that
 * the run's batches need. While a run lasts, ShedLock's keep-alive extends the row, so a replica
 * that dies frees it within {@link #AT_MOST_FOR}.
 */
@Component
class EvictionLock {

    static final String NAME = "eviction";
    static final Duration AT_MOST_FOR = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 200;

    private final ReentrantLock local = new ReentrantLock(true);
    private final LockProvider provider;

    EvictionLock(DataSource dataSource, PlatformTransactionManager transactions, DatabaseMaintenance database,
            ThreadPoolTaskScheduler taskScheduler) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        JdbcTemplateLockProvider.Configuration.Builder configuration = JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTransactionManager(transactions).withTableName("shedlock");
        database.configureLocks(configuration, jdbc);
        this.provider = new KeepAliveLockProvider(new JdbcTemplateLockProvider(configuration.build()),
                taskScheduler.getScheduledExecutor());
    }

    /**
     * Runs the task holding the lock, waiting up to {@code wait} for a run in progress to end;
     * empty when the lock could not be had in that time.
     */
    <T> Optional<T> run(Duration wait, Supplier<T> task) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        try {
            while (true) {
                Optional<SimpleLock> held = provider.lock(new LockConfiguration(Instant.now(), NAME, AT_MOST_FOR, Duration.ZERO));
                if (held.isPresent()) {
                    try {
                        return Optional.of(task.get());
                    } finally {
                        held.get().unlock();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
            }
        } finally {
            local.unlock();
        }
    }
}
