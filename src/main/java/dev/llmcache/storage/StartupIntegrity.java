package dev.llmcache.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The result of {@code PRAGMA quick_check} on the SQLite file at start-up, before any pool or
 * migration touches it, as {@code /actuator/health} shows it. A damaged file stops the start with a
 * {@link DamagedDatabaseException} that names the file and the way back.
 *
 * @param result "ok", or what was not checked and why
 * @param checkedAt when the check ran (null when it did not)
 * @param millis how long it took
 */
public record StartupIntegrity(String result, Instant checkedAt, long millis) {

    private static final Logger log = LoggerFactory.getLogger(StartupIntegrity.class);
    /** quick_check lists up to 100 problems; the first few tell enough. */
    private static final int PROBLEMS_SHOWN = 5;

    /** Not checked, with the reason, e.g. on PostgreSQL or when switched off. */
    static StartupIntegrity notChecked(String why) {
        return new StartupIntegrity(why, null, 0);
    }

    /** Runs {@code PRAGMA quick_check} on the file; a missing or empty file (a new database) is ok. */
    static StartupIntegrity check(Path file, Duration busyTimeout) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return new StartupIntegrity("ok", at, 0);
            }
            log.info("Checking the SQLite database {} ({} bytes) with PRAGMA quick_check", file, Files.size(file));
            List<String> problems = quickCheck(file, busyTimeout);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (problems.size() == 1 && problems.get(0).equals("ok")) {
                log.info("SQLite database {}: quick_check ok in {} ms", file, millis);
                return new StartupIntegrity("ok", at, millis);
            }
            throw new DamagedDatabaseException(file, String.join("; ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size()))));
        } catch (SQLiteException e) {
            if (isDamage(e.getResultCode())) {
                throw new DamagedDatabaseException(file, e.getMessage());
            }
            throw new IllegalStateException("cannot check the SQLite database " + file + ": " + e.getMessage(), e);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot check the SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    /** What {@code /actuator/health} shows. */
    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("integrity", result);
        if (checkedAt != null) {
            details.put("integrityCheck", "PRAGMA quick_check at start-up");
            details.put("integrityCheckedAt", checkedAt.toString());
            details.put("integrityCheckMillis", millis);
        }
        return details;
    }

    private static List<String> quickCheck(Path file, Duration busyTimeout) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) busyTimeout.toMillis());
        List<String> rows = new ArrayList<>();
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static boolean isDamage(SQLiteErrorCode code) {
        return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB
                || code.name().startsWith("SQLITE_CORRUPT_");
    }
}
