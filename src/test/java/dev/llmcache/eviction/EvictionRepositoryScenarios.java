package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.entry.EntryFilter;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.HotEntries;
import dev.llmcache.entry.HotEntriesProperties;
import dev.llmcache.entry.Names;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.TestEntries;
import dev.llmcache.eviction.EvictionRepository.Chosen;
import dev.llmcache.eviction.EvictionRepository.Removed;
import dev.llmcache.eviction.EvictionRepository.Totals;
import dev.llmcache.storage.EmptyTables;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Eviction's SQL, called directly on each database: which entries each policy chooses (window
 * functions over a bounded batch), the exact cut at the byte and entry limits, idle expiry, the dry
 * run's cursor, and the GDSF inflation value. The HTTP scenarios run whole servers; this is the
 * fast layer below them.
 */
@Import({EvictionRepository.class, EntryRepository.class, Names.class, HotEntries.class})
@EnableConfigurationProperties(HotEntriesProperties.class)
abstract class EvictionRepositoryScenarios {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final long NO_IDLE_LIMIT = Long.MIN_VALUE;

    @Autowired
    EvictionRepository eviction;

    @Autowired
    EntryRepository entries;

    @Autowired
    JdbcClient write;

    /** a: oldest, 100 bytes, cheap; b: 300 bytes, dear; c: 200 bytes; d: newest, 50 bytes. */
    private final Map<String, Long> ids = new HashMap<>();

    @BeforeEach
    void fourEntries() {
        EmptyTables.empty(write);
        ids.clear();
        store("a", 0, 100, 1_000);
        store("b", 1, 300, 9_000_000);
        store("c", 2, 200, 50_000);
        store("d", 3, 50, 200_000);
        // last access: c longest ago, then a, d, b
        accessedAt("c", 10);
        accessedAt("a", 20);
        accessedAt("d", 30);
        accessedAt("b", 40);
    }

    @Test
    void lruRemovesTheLeastRecentlyAccessedFirst() {
        assertThat(delete(EvictionPolicy.LRU, 2, 0)).containsExactlyInAnyOrder(200L, 100L);
        assertThat(remaining()).containsExactlyInAnyOrder("b", "d");
    }

    @Test
    void oldestRemovesTheEarliestCreatedFirst() {
        assertThat(delete(EvictionPolicy.OLDEST, 1, 0)).containsExactlyInAnyOrder(100L);
        assertThat(remaining()).containsExactlyInAnyOrder("b", "c", "d");
    }

    @Test
    void largestRemovesTheMostStoredBytesFirst() {
        assertThat(delete(EvictionPolicy.LARGEST, 2, 0)).containsExactlyInAnyOrder(300L, 200L);
    }

    @Test
    void costAwareRemovesTheCheapestPerByteFirst() {
        // priority = cost / bytes: a 10, c 250, d 4000, b 30000
        assertThat(delete(EvictionPolicy.COST_AWARE, 3, 0)).containsExactlyInAnyOrder(100L, 200L, 50L);
        assertThat(remaining()).containsExactly("b");
    }

    @Test
    void byteLimitStopsAtTheEntryThatBringsTheTotalUnderIt() {
        // LRU order c(200), a(100), d(50), b(300): 250 bytes to free takes c and a, not d
        assertThat(delete(EvictionPolicy.LRU, 0, 250)).containsExactlyInAnyOrder(200L, 100L);
        assertThat(delete(EvictionPolicy.LRU, 0, 0)).isEmpty();
    }

    @Test
    void entryAndByteLimitsTogetherTakeWhicheverNeedsMore() {
        assertThat(delete(EvictionPolicy.OLDEST, 1, 350)).containsExactlyInAnyOrder(100L, 300L);
    }

    @Test
    void aBatchNeverRemovesMoreThanItsSize() {
        assertThat(eviction.deleteChosen(EvictionPolicy.OLDEST, NO_IDLE_LIMIT, 4, 0, 3)).hasSize(3);
        assertThat(remaining()).containsExactly("d");
    }

    @Test
    void idleExpiryRemovesEntriesLastAccessedBeforeTheInstantLeastRecentFirst() {
        List<Removed> removed = eviction.deleteIdle(T0.plusSeconds(25).toEpochMilli(), 10);

        assertThat(removed).extracting(Removed::storedBytes).containsExactlyInAnyOrder(200L, 100L);
        assertThat(remaining()).containsExactlyInAnyOrder("b", "d");
    }

    @Test
    void limitsCountOnlyEntriesThatAreNotIdle() {
        // with c and a idle, the two oldest of the rest go
        assertThat(eviction.deleteChosen(EvictionPolicy.OLDEST, T0.plusSeconds(25).toEpochMilli(), 2, 0, 10))
                .extracting(Removed::storedBytes).containsExactlyInAnyOrder(300L, 50L);
    }

    @Test
    void dryRunChoosesWhatADeleteWouldInPagesFollowingItsCursor() {
        Chosen first = eviction.selectChosen(EvictionPolicy.LRU, NO_IDLE_LIMIT, null, 3, 0, 2);
        Chosen second = eviction.selectChosen(EvictionPolicy.LRU, NO_IDLE_LIMIT, first.last(), 1, 0, 2);

        assertThat(first.entries()).extracting(Removed::storedBytes).containsExactly(200L, 100L);
        assertThat(second.entries()).extracting(Removed::storedBytes).containsExactly(50L);
        assertThat(remaining()).hasSize(4);
        assertThat(delete(EvictionPolicy.LRU, 3, 0)).containsExactlyInAnyOrder(200L, 100L, 50L);
    }

    @Test
    void totalsAreKeptByTheTriggersAcrossNamespaces() {
        entries.insertIfAbsent(TestEntries.entry("other", "e", T0, 1_000), 1);

        assertThat(eviction.totals(false)).isEqualTo(new Totals(5, 1_650));
        delete(EvictionPolicy.LARGEST, 1, 0);
        assertThat(eviction.totals(true)).isEqualTo(new Totals(4, 650));
    }

    @Test
    void inflationOnlyRises() {
        eviction.raiseInflation(5.0);
        eviction.raiseInflation(2.0);

        assertThat(write.sql("SELECT inflation FROM eviction_state WHERE id = 1").query(Double.class).single()).isEqualTo(5.0);
    }

    /** The stored sizes of the entries removed (the database returns them in no particular order). */
    private List<Long> delete(EvictionPolicy policy, long needEntries, long needBytes) {
        return eviction.deleteChosen(policy, NO_IDLE_LIMIT, needEntries, needBytes, 100).stream()
                .map(Removed::storedBytes).toList();
    }

    private void store(String name, int second, int storedBytes, long costNanos) {
        NewEntry entry = TestEntries.entry("ns", name, T0.plusSeconds(second), storedBytes);
        ids.put(name, entries.insertIfAbsent(entry, costNanos).orElseThrow());
    }

    private void accessedAt(String name, int second) {
        write.sql("UPDATE entries SET last_accessed_at = :at WHERE id = :id")
                .param("at", T0.plusSeconds(second).toEpochMilli()).param("id", ids.get(name)).update();
    }

    long idOf(String name) {
        return ids.get(name);
    }

    List<String> remaining() {
        return entries.list("ns", EntryFilter.NONE, null, 100).items().stream().map(EntryMetadata::filePath)
                .map(path -> path.substring(4, path.length() - 3)).sorted().toList();
    }
}
