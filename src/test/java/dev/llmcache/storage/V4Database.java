package dev.llmcache.storage;

import com.github.luben.zstd.Zstd;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.support.MutableClock;
import dev.llmcache.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A database as the server made it before the compact layout: Flyway's migrations up to V4, then
 * entries (with their results), access counts, statistics, ledger rows, a budget and a migration,
 * written with the SQL the repositories of that version ran. {@link #entries} is what was written,
 * for the upgraded server's answers to be compared with.
 */
final class V4Database {

    static final List<String> NAMESPACES = List.of("upgrade-a", "upgrade-b");
    static final String MIGRATION_ID = "0b1e8cf4-5d6f-4a57-9a3c-1c2d3e4f5a6b";
    static final long BUDGET_NANOS = 7_500_000_000L;
    private static final String[][] MODELS = {{"xai", "grok-beta"}, {"openai", "gpt-4o"}, {"anthropic", "claude-3-5-sonnet"}};
    private static final String[] TYPES = {"refactor", "docs", "analysis"};
    private static final String[] REPOS = {"/home/ana/proj", "/srv/ci/repo", ""};
    private static final long START = MutableClock.START.toEpochMilli();

    /** An entry as written into the old layout. */
    record Entry(long id, String namespace, String cacheKey, String legacyKey, String cacheType, String repoPath,
            String filePath, String fileHash, String provider, String model, String promptHash, int schemaVersion,
            long tokensUsed, Long inputTokens, Long outputTokens, long costNanos, Long fileSize, String resultJson,
            int resultBytes, int storedBytes, String etag, long createdAt, long lastAccessedAt, long accessCount,
            double evictionPriority) {
    }

    /** A ledger row as written: namespace, month, provider, model, cache type and its figures. */
    record Ledger(String namespace, String month, String provider, String model, String cacheType, long spentNanos,
            long tokens, long writes, long hits, long misses, long savedNanos) {
    }

    /** The hits, misses and savings the access flush had written per namespace and cache type. */
    record Lookups(String namespace, String cacheType, long hits, long misses, long savedNanos) {
    }

    final List<Entry> entries = new ArrayList<>();
    final List<Ledger> ledger = List.of(
            new Ledger("upgrade-a", "2026-11", "xai", "grok-beta", "refactor", 1_250_000_000L, 90_000, 12, 7, 3, 400_000_000L),
            new Ledger("upgrade-a", "2026-11", "", "", "", 0, 0, 0, 0, 4, 0),
            new Ledger("upgrade-a", "2026-10", "openai", "gpt-4o", "docs", 2_000_000_000L, 150_000, 30, 11, 2, 900_000_000L),
            new Ledger("upgrade-b", "2026-11", "anthropic", "claude-3-5-sonnet", "analysis", 330_000_000L, 22_000, 4, 1, 1, 33_000_000L));
    final List<Lookups> lookups = List.of(
            new Lookups("upgrade-a", "refactor", 7, 3, 400_000_000L),
            new Lookups("upgrade-a", "", 0, 4, 0),
            new Lookups("upgrade-b", "analysis", 1, 1, 33_000_000L));

    V4Database() {
        for (int i = 0; i < 24; i++) {
            entries.add(entry(i));
        }
    }

    private static Entry entry(int i) {
        String namespace = NAMESPACES.get(i % 2);
        String type = TYPES[i % 3];
        String[] model = MODELS[(i / 2) % 3];
        String promptHash = i % 4 == 0 ? "" : "9f2c1a7be0d34c55";
        int schemaVersion = 1 + i % 2;
        String fileHash = Sha256.hex("content " + i);
        String cacheKey = new KeyFactors(type, model[1], fileHash, promptHash, schemaVersion).cacheKey();
        String legacyKey = switch (i % 3) {
            case 0 -> Sha256.hex("legacy " + i).substring(0, 32);
            case 1 -> null;
            default -> Sha256.hex("legacy " + i);
        };
        StringBuilder findings = new StringBuilder();
        for (int f = 0; f <= i % 5; f++) {
            findings.append(f == 0 ? "" : ",").append("{\"line\":").append(10 * f + i)
                    .append(",\"message\":\"finding ").append(f).append(" of entry ").append(i).append("\"}");
        }
        String json = "{\"path\":\"src/f" + i % 7 + ".rs\",\"score\":" + (i * 1.5) + ",\"findings\":[" + findings + "]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] frame = Zstd.compress(bytes, 3);
        long tokens = i % 5 == 4 ? 0 : 1000L + 37L * i;
        Long input = i % 3 == 0 ? null : tokens / 2;
        Long output = i % 3 == 0 ? null : tokens - tokens / 2;
        long cost = tokens * (3000 + 500L * (i % 4));
        // two entries share a creation time, so the cursor's tie-break (the id) is exercised
        long created = START - 86_400_000L * (24 - i) + (i == 7 ? -86_400_000L : 0);
        long accesses = (i * 7) % 5;
        long lastAccess = accesses == 0 ? created : created + 3_600_000L * (1 + (i * 5) % 11);
        return new Entry(i + 1, namespace, cacheKey, legacyKey, type, REPOS[i % 3], "src/f" + i % 7 + ".rs", fileHash,
                model[0], model[1], promptHash, schemaVersion, tokens, input, output, cost, i % 6 == 5 ? null : 100L + i,
                json, bytes.length, frame.length, "\"" + Sha256.hex(bytes).substring(0, 32) + "\"", created, lastAccess,
                accesses, (accesses + 1) * (double) cost / Math.max(frame.length, 1));
    }

    /** Creates the V4 schema at the URL and writes everything into it. */
    void create(String jdbcUrl, String vendor, String schema) {
        FluentConfiguration flyway = Flyway.configure().dataSource(jdbcUrl, null, null)
                .locations("classpath:db/migration/" + vendor).target("4");
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        flyway.load().migrate();
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            connection.setAutoCommit(false);
            if (schema != null) {
                connection.createStatement().execute("SET search_path TO " + schema);
            }
            writeEntries(connection);
            writeLookups(connection);
            writeLedger(connection);
            writeBudgetAndMigration(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the V4 database: " + e.getMessage(), e);
        }
    }

    private void writeEntries(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO entries (id, namespace, cache_key, legacy_key, cache_type, repo_path, file_path, file_hash,
                    provider, model, prompt_hash, schema_version, tokens_used, input_tokens, output_tokens, cost_nanos,
                    file_size, result_bytes, stored_bytes, result_etag, created_at, last_accessed_at, access_count,
                    eviction_priority)
                OVERRIDING_SYSTEM_VALUE VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """.replace("OVERRIDING_SYSTEM_VALUE ", connection.getMetaData().getURL().startsWith("jdbc:postgresql")
                        ? "OVERRIDING SYSTEM VALUE " : ""));
                PreparedStatement result = connection.prepareStatement(
                        "INSERT INTO entry_results (entry_id, result) VALUES (?, ?)")) {
            for (Entry e : entries) {
                int p = 1;
                insert.setLong(p++, e.id());
                insert.setString(p++, e.namespace());
                insert.setString(p++, e.cacheKey());
                setString(insert, p++, e.legacyKey());
                insert.setString(p++, e.cacheType());
                insert.setString(p++, e.repoPath());
                insert.setString(p++, e.filePath());
                insert.setString(p++, e.fileHash());
                insert.setString(p++, e.provider());
                insert.setString(p++, e.model());
                insert.setString(p++, e.promptHash());
                insert.setInt(p++, e.schemaVersion());
                insert.setLong(p++, e.tokensUsed());
                setLong(insert, p++, e.inputTokens());
                setLong(insert, p++, e.outputTokens());
                insert.setLong(p++, e.costNanos());
                setLong(insert, p++, e.fileSize());
                insert.setLong(p++, e.resultBytes());
                insert.setLong(p++, e.storedBytes());
                insert.setString(p++, e.etag());
                insert.setLong(p++, e.createdAt());
                insert.setLong(p++, e.lastAccessedAt());
                insert.setLong(p++, e.accessCount());
                insert.setDouble(p, e.evictionPriority());
                insert.executeUpdate();
                result.setLong(1, e.id());
                result.setBytes(2, Zstd.compress(e.resultJson().getBytes(StandardCharsets.UTF_8), 3));
                result.executeUpdate();
            }
        }
        if (connection.getMetaData().getURL().startsWith("jdbc:postgresql")) {
            connection.createStatement().execute("SELECT setval(pg_get_serial_sequence('entries', 'id'), 100)");
        }
    }

    /** What the access flush wrote: hits, misses and savings on top of what the triggers keep. */
    private void writeLookups(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO type_stats (namespace, cache_type, hits, misses, saved_nanos) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (namespace, cache_type) DO UPDATE SET hits = type_stats.hits + excluded.hits,
                    misses = type_stats.misses + excluded.misses, saved_nanos = type_stats.saved_nanos + excluded.saved_nanos
                """)) {
            for (Lookups l : lookups) {
                statement.setString(1, l.namespace());
                statement.setString(2, l.cacheType());
                statement.setLong(3, l.hits());
                statement.setLong(4, l.misses());
                statement.setLong(5, l.savedNanos());
                statement.executeUpdate();
            }
        }
    }

    private void writeLedger(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO ledger (namespace, month, provider, model, cache_type, spent_nanos, tokens, writes, hits,
                    misses, saved_nanos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            for (Ledger l : ledger) {
                int p = 1;
                statement.setString(p++, l.namespace());
                statement.setString(p++, l.month());
                statement.setString(p++, l.provider());
                statement.setString(p++, l.model());
                statement.setString(p++, l.cacheType());
                statement.setLong(p++, l.spentNanos());
                statement.setLong(p++, l.tokens());
                statement.setLong(p++, l.writes());
                statement.setLong(p++, l.hits());
                statement.setLong(p++, l.misses());
                statement.setLong(p, l.savedNanos());
                statement.executeUpdate();
            }
        }
    }

    private void writeBudgetAndMigration(Connection connection) throws SQLException {
        try (PreparedStatement budget = connection.prepareStatement("""
                INSERT INTO budgets (namespace, monthly_nanos, warning_threshold, alert_threshold, updated_at)
                VALUES ('upgrade-a', ?, 0.5, 0.8, ?)
                """)) {
            budget.setLong(1, BUDGET_NANOS);
            budget.setLong(2, START - 3_600_000L);
            budget.executeUpdate();
        }
        try (PreparedStatement migration = connection.prepareStatement("""
                INSERT INTO migrations (id, namespace, status, source, layout, dry_run, backup, verify, total, migrated,
                    failed, skipped, current_file, result, error, started_at, heartbeat_at, finished_at)
                VALUES (?, 'upgrade-a', 'SUCCEEDED', '/home/ana/.rustassistant/cache/repos', 'CENTRALIZED', ?, ?, ?,
                    12, 11, 1, 0, NULL, ?, NULL, ?, ?, ?)
                """)) {
            migration.setString(1, MIGRATION_ID);
            migration.setBoolean(2, false);
            migration.setBoolean(3, false);
            migration.setBoolean(4, false);
            migration.setString(5, """
                    {"totalEntries":12,"totalMigrated":11,"totalFailed":1,"totalSkipped":0,"sourceSize":24000,\
                    "destinationSize":6000,"spaceSaved":18000,"spaceSavedPercent":75.0,"backupPath":null,"verified":null,\
                    "failures":[{"filePath":"/home/ana/.rustassistant/cache/repos/0a1b2c3d/cache/docs/x.json",\
                    "cacheType":"docs","error":"missing field result"}]}""");
            migration.setLong(6, START - 7_200_000L);
            migration.setLong(7, START - 7_000_000L);
            migration.setLong(8, START - 7_000_000L);
            migration.executeUpdate();
        }
    }

    private static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** The entries of a namespace. */
    List<Entry> in(String namespace) {
        return entries.stream().filter(e -> e.namespace().equals(namespace)).toList();
    }
}
