package dev.llmcache.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.llmcache.config.CacheProperties;
import dev.llmcache.storage.DatabaseMaintenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A backup the directory cannot take is the client's 507 naming the directory; any other failure stays a bug (500). */
class BackupServiceTests {

    private static final Path DIRECTORY = Path.of("/backups");

    private final DatabaseMaintenance database = mock(DatabaseMaintenance.class);
    private final BackupService backups = service();

    @Test
    void aFullDiskIsA507NamingTheDirectory() {
        // what VACUUM INTO reports on a full disk (Spring's translator answered null for it: a NullPointerException)
        when(database.backupInto(any())).thenThrow(new UncategorizedSQLException("VACUUM INTO", null,
                new SQLiteException("[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL)));

        assertThatThrownBy(backups::backUp).isInstanceOfSatisfying(BackupFailedException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
            assertThat(e.getBody().getDetail()).contains(DIRECTORY.toString(), "disk is full", "cache.backup-dir");
        });
    }

    @Test
    void aDirectoryThatCannotBeMadeIsA507Too() {
        when(database.backupInto(any())).thenThrow(new UncheckedIOException(new IOException("/backups: Not a directory")));

        assertThatThrownBy(backups::backUp).isInstanceOf(BackupFailedException.class);
    }

    @Test
    void anotherFailureIsNotDisguisedAsAFullDisk() {
        when(database.backupInto(any())).thenThrow(new IllegalStateException("a bug"));

        assertThatThrownBy(backups::backUp).isInstanceOf(IllegalStateException.class);
    }

    private BackupService service() {
        CacheProperties cache = new CacheProperties(Path.of("/data"), Duration.ofSeconds(5),
                new CacheProperties.Compression(3, 15), new CacheProperties.Limits(null, null, null, null, null, null), DIRECTORY);
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        return new BackupService(database, cache, Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC), scheduler);
    }
}
