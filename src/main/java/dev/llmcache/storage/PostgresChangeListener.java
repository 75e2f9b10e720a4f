package dev.llmcache.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Hears the other replicas' changes of stored entries ({@link PostgresChangeNotifier}) on a connection of its own
 * that {@code LISTEN}s, and publishes each as {@link EntriesChangedElsewhere}. {@link ChangeFeedStatus} says when it
 * starts and stops hearing: a notice sent while the connection is down is lost, so whatever keeps copies of entries
 * must keep none meanwhile. The connection is checked with a query whenever a second passes without a notice (a
 * connection cut without a word would otherwise look like a quiet one) and opened again a second after it failed.
 * One thread of its own for the server's lifetime, as the group commit's writer; only in the web server (the
 * offline {@code migrate} command tells, but keeps no copies to forget).
 */
@Component
@ConditionalOnWebApplication
class PostgresChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresChangeListener.class);
    private static final Duration QUIET = Duration.ofSeconds(1);
    static final String APPLICATION_NAME = "llm-cache-server change listener";

    private final DatabaseVendor vendor;
    private final HikariDataSource database;
    private final PostgresChangeNotifier notices;
    private final ApplicationEventPublisher events;
    private final SimpleAsyncTaskExecutor thread = new SimpleAsyncTaskExecutor("replica-changes-");
    private volatile boolean running;
    private volatile Connection connection;

    /** {@code database}: the writers' pool, whose settings (URL, user, driver properties) the listening connection takes. */
    PostgresChangeListener(DatabaseVendor vendor, HikariDataSource database, PostgresChangeNotifier notices,
            ApplicationEventPublisher events) {
        this.vendor = vendor;
        this.database = database;
        this.notices = notices;
        this.events = events;
        thread.setDaemon(true); // a listener pausing before it retries never holds the JVM up
    }

    @Override
    public void start() {
        if (vendor == DatabaseVendor.POSTGRESQL && !running) {
            running = true;
            thread.execute(this::listen);
        }
    }

    @Override
    public void stop() {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                open.close(); // ends a wait for notices at once
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            boolean hearing = false;
            try (Connection open = connect(); Statement statement = open.createStatement()) {
                connection = open;
                statement.execute("LISTEN " + PostgresChangeNotifier.CHANNEL);
                hearing = true;
                events.publishEvent(new ChangeFeedStatus(true));
                log.info("hearing other replicas' changes of entries: in-memory copies of served entries are on");
                hear(open.unwrap(PGConnection.class), statement);
            } catch (SQLException | RuntimeException e) { // a listener of what was heard failing must not end the hearing for good
                if (running && hearing) {
                    log.warn("lost the connection that hears other replicas' changes ({}): in-memory copies are off until it is back",
                            e.getMessage());
                } else if (running) {
                    log.debug("cannot hear other replicas' changes yet: {}", e.getMessage());
                }
            } finally {
                connection = null;
                if (hearing) { // an attempt that never heard has nothing to turn off: no copies were kept
                    events.publishEvent(new ChangeFeedStatus(false));
                }
            }
            pauseBeforeRetrying();
        }
    }

    private Connection connect() throws SQLException {
        Properties settings = new Properties();
        settings.putAll(database.getDataSourceProperties());
        if (database.getUsername() != null) {
            settings.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            settings.setProperty("password", database.getPassword());
        }
        settings.setProperty("ApplicationName", APPLICATION_NAME); // how an operator finds it in pg_stat_activity
        return DriverManager.getConnection(database.getJdbcUrl(), settings);
    }

    private void hear(PGConnection listening, Statement statement) throws SQLException {
        while (running) {
            PGNotification[] received = listening.getNotifications((int) QUIET.toMillis());
            if (received == null || received.length == 0) {
                statement.execute("SELECT 1");
                continue;
            }
            for (PGNotification notification : received) {
                notices.heard(notification.getParameter()).ifPresent(events::publishEvent);
            }
        }
    }

    private void pauseBeforeRetrying() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(QUIET.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
