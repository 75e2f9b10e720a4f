package dev.llmcache.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.HotEntries;
import dev.llmcache.entry.HotEntriesProperties;
import dev.llmcache.entry.Names;
import dev.llmcache.entry.RowAccesses;
import dev.llmcache.entry.TestEntries;
import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.ledger.Savings;
import dev.llmcache.storage.EmptyTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access flush's SQL, called directly on each database: counts add up, the last access only
 * moves forward, the COST_AWARE priority follows the count, and accesses of an entry replaced or
 * deleted since it was read land nowhere.
 */
@Import({AccessFlushRepository.class, EntryRepository.class, Names.class, HotEntries.class})
@EnableConfigurationProperties(HotEntriesProperties.class)
abstract class AccessFlushRepositoryScenarios {

    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    @Autowired
    AccessFlushRepository flush;

    @Autowired
    EntryRepository entries;

    @Autowired
    JdbcClient write;

    private long id;

    @BeforeEach
    void oneEntry() {
        EmptyTables.empty(write);
        id = entries.insertIfAbsent(TestEntries.entry("ns", "a", CREATED, 100), 1_000).orElseThrow();
    }

    @Test
    void accessesAddUpAndTheLastAccessOnlyMovesForward() {
        flush.addEntryAccesses(Map.of(ref(), new PendingAccess.EntryAccess(3, at(60))));
        flush.addEntryAccesses(Map.of(ref(), new PendingAccess.EntryAccess(2, at(30))));

        assertThat(accessCountAndLast()).containsExactly(5L, at(60));
    }

    @Test
    void priorityCountsTheNewAccesses() {
        double before = priority();
        flush.addEntryAccesses(Map.of(ref(), new PendingAccess.EntryAccess(4, at(60))));

        // (accessCount + 1) * cost / bytes at inflation 0: 1 * 1000 / 100 before, 5 * 1000 / 100 after
        assertThat(before).isEqualTo(10.0);
        assertThat(priority()).isEqualTo(50.0);
    }

    @Test
    void accessesOfAReplacedEntryAreDropped() {
        entries.replace(TestEntries.entry("ns", "a", CREATED.plusSeconds(5), 100), 1_000);

        flush.addEntryAccesses(Map.of(ref(), new PendingAccess.EntryAccess(3, at(60))));

        assertThat(accessCountAndLast()).containsExactly(0L, CREATED.plusSeconds(5).toEpochMilli());
    }

    @Test
    void accessesOfADeletedEntryAreDropped() {
        write.sql("DELETE FROM entries").update();

        flush.addEntryAccesses(Map.of(ref(), new PendingAccess.EntryAccess(3, at(60))));

        assertThat(write.sql("SELECT count(*) FROM entries").query(Long.class).single()).isZero();
    }

    @Test
    void theCountsOfCopiedEntriesAreReadFromTheirRowsInChunksAndThoseOfReplacedOrDeletedEntriesLeftOut() {
        flush.addEntryAccesses(Map.of(ref(), new PendingAccess.EntryAccess(4, at(60))));
        List<RowAccesses> copied = new ArrayList<>();
        copied.add(new RowAccesses("ns", "ef".repeat(32), id, CREATED.minusSeconds(1).toEpochMilli(), 1, 0)); // replaced
        for (long missing = 1; missing < AccessFlushRepository.READ_CHUNK; missing++) {
            copied.add(new RowAccesses("ns", "cd".repeat(32), id + missing, CREATED.toEpochMilli(), 0, 0)); // deleted
        }
        copied.add(new RowAccesses("ns", "ab".repeat(32), id, CREATED.toEpochMilli(), 1, 0)); // in the second chunk

        assertThat(flush.accessesOf(copied))
                .containsExactly(new RowAccesses("ns", "ab".repeat(32), id, CREATED.toEpochMilli(), 4, at(60)));
    }

    @Test
    void hitsMissesAndSavingsAddToTheTypeStatistics() {
        PendingAccess.TypeKey refactor = new PendingAccess.TypeKey("ns", "refactor");
        PendingAccess.TypeKey byKey = new PendingAccess.TypeKey("ns", "");

        flush.addTypeCounts(Map.of(refactor, new LookupCounts(2, 1, 2_000), byKey, new LookupCounts(0, 3, 0)));
        flush.addTypeCounts(Map.of(refactor, new LookupCounts(1, 0, 1_000)));

        assertThat(typeCounts("refactor")).containsExactly(1L, 3L, 1L, 3_000L);
        assertThat(typeCounts("")).containsExactly(0L, 0L, 3L, 0L);
    }

    /** As in the ledger: savings stop at the ceiling, integers still, and the hits and misses are counted all the same. */
    @Test
    void savingsStopAtTheCeilingWhileHitsAndMissesStillAddUp() {
        PendingAccess.TypeKey refactor = new PendingAccess.TypeKey("ns", "refactor");
        PendingAccess.TypeKey docs = new PendingAccess.TypeKey("ns", "docs");
        assertThat(flush.addTypeCounts(Map.of(refactor, new LookupCounts(2, 0, Savings.MAX_NANOS - 10)))).isEmpty();

        Set<PendingAccess.TypeKey> atCeiling = flush.addTypeCounts(Map.of(
                refactor, new LookupCounts(3, 1, 4_000_000_000_000_000_000L), docs, new LookupCounts(1, 0, 5)));
        flush.addTypeCounts(Map.of(refactor, new LookupCounts(1, 2, Savings.MAX_NANOS)));

        assertThat(typeCounts("refactor")).containsExactly(1L, 6L, 3L, Savings.MAX_NANOS);
        assertThat(atCeiling).containsExactly(refactor);
        assertThat(write.sql("SELECT count(*) FROM type_stats WHERE saved_nanos = 9223372036854775807").query(Long.class)
                .single()).isEqualTo(1);
    }

    private PendingAccess.EntryRef ref() {
        return new PendingAccess.EntryRef(id, CREATED.toEpochMilli(), "ns", "ab".repeat(32));
    }

    private static long at(int second) {
        return CREATED.plusSeconds(second).toEpochMilli();
    }

    private List<Long> accessCountAndLast() {
        return write.sql("SELECT access_count, last_accessed_at FROM entries")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single();
    }

    private double priority() {
        return write.sql("SELECT eviction_priority FROM entries").query(Double.class).single();
    }

    /** entries, hits, misses, saved. */
    private List<Long> typeCounts(String cacheType) {
        return write.sql("""
                SELECT t.entries, t.hits, t.misses, t.saved_nanos FROM type_stats t
                JOIN names ns ON ns.id = t.namespace_id JOIN names type ON type.id = t.cache_type_id
                WHERE ns.name = 'ns' AND type.name = :type
                """)
                .param("type", cacheType)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
    }
}
