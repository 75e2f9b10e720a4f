package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.storage.DatabaseVendor;
import dev.llmcache.storage.EmptyTables;
import dev.llmcache.storage.OpenConnections;
import dev.llmcache.storage.ReadDataSource;
import dev.llmcache.support.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * The entries' reads and deletes, called directly on each database: the newest-first listing with
 * its cursor (ties on the creation time broken by row id) and filters, lookups by cache key and by
 * legacy key, and clearing by filter in batches.
 */
@Import({EntryRepository.class, KeyReads.class, Names.class, HotEntries.class})
@EnableConfigurationProperties(HotEntriesProperties.class)
abstract class EntryRepositoryScenarios {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Autowired
    EntryRepository entries;

    @Autowired
    KeyReads keyReads;

    @Autowired
    JdbcClient write;

    @Autowired
    DatabaseVendor vendor;

    @Autowired
    ReadDataSource readDataSource;

    @BeforeEach
    void empty() {
        EmptyTables.empty(write);
    }

    @Test
    void listingPagesNewestFirstAndBreaksTiesByRowId() {
        // five entries, three of them created in the same millisecond
        for (String name : List.of("a", "b", "c")) {
            store(TestEntries.entry("ns", name, T0.plusSeconds(10), 10));
        }
        store(TestEntries.entry("ns", "old", T0, 10));
        store(TestEntries.entry("ns", "new", T0.plusSeconds(20), 10));

        List<String> seen = new ArrayList<>();
        EntryCursor after = null;
        do {
            EntryPage page = entries.list("ns", EntryFilter.NONE, after, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(item -> seen.add(item.filePath()));
            after = page.next();
        } while (after != null);

        assertThat(seen).containsExactly("src/new.rs", "src/c.rs", "src/b.rs", "src/a.rs", "src/old.rs");
    }

    @Test
    void lastPageHasNoCursor() {
        store(TestEntries.entry("ns", "a", T0, 10));

        assertThat(entries.list("ns", EntryFilter.NONE, null, 1).next()).isNull();
        assertThat(entries.list("ns", EntryFilter.NONE, null, 1).items()).hasSize(1);
    }

    @Test
    void everyFilterMatchesExactlyAndFiltersCombine() {
        store(TestEntries.entry("ns", "a", "refactor", "xai", "grok-beta", T0, 10));
        store(TestEntries.entry("ns", "b", "docs", "xai", "grok-beta", T0, 10));
        store(TestEntries.entry("ns", "c", "docs", "openai", "gpt-4o", T0, 10));
        store(TestEntries.entry("other", "d", "docs", "openai", "gpt-4o", T0, 10));

        assertThat(paths(new EntryFilter("docs", null, null, null, null))).containsExactlyInAnyOrder("src/b.rs", "src/c.rs");
        assertThat(paths(new EntryFilter(null, "/repo/docs", null, null, null))).containsExactlyInAnyOrder("src/b.rs", "src/c.rs");
        assertThat(paths(new EntryFilter(null, null, "src/a.rs", null, null))).containsExactly("src/a.rs");
        assertThat(paths(new EntryFilter(null, null, null, "openai", null))).containsExactly("src/c.rs");
        assertThat(paths(new EntryFilter(null, null, null, null, "grok-beta"))).containsExactlyInAnyOrder("src/a.rs", "src/b.rs");
        assertThat(paths(new EntryFilter("docs", null, null, "xai", "grok-beta"))).containsExactly("src/b.rs");
        assertThat(paths(new EntryFilter("Docs", null, null, null, null))).isEmpty();
    }

    @Test
    void listingFiltersByTheTokenThatWroteEachEntry() {
        store(TestEntries.writtenBy(TestEntries.entry("ns", "a", T0, 10), "ci-team-a"));
        store(TestEntries.writtenBy(TestEntries.entry("ns", "b", T0, 10), "ci-team-b"));
        store(TestEntries.entry("ns", "c", T0, 10));

        assertThat(paths(new EntryFilter(null, null, null, null, null, "ci-team-a"))).containsExactly("src/a.rs");
        assertThat(paths(new EntryFilter(null, null, null, null, null, "nobody"))).isEmpty();
        assertThat(entries.list("ns", EntryFilter.NONE, null, 10).items()).extracting(EntryMetadata::writtenBy)
                .containsExactlyInAnyOrder("ci-team-a", "ci-team-b", null);
    }

    @Test
    void findsByCacheKeyOrLegacyKeyWithinTheNamespaceOnly() {
        NewEntry entry = TestEntries.withLegacyKey(TestEntries.entry("ns", "a", T0, 10), "0123456789abcdef0123456789abcdef");
        store(entry);

        assertThat(entries.find("ns", new EntryKey(entry.cacheKey()))).get()
                .satisfies(found -> assertThat(found.frame()).hasSize(10));
        assertThat(entries.find("ns", new EntryKey("0123456789abcdef0123456789abcdef"))).get()
                .satisfies(found -> assertThat(found.metadata().cacheKey()).isEqualTo(entry.cacheKey()));
        assertThat(entries.find("other", new EntryKey(entry.cacheKey()))).isEmpty();
    }

    @Test
    void aFilePathAndPromptHashBeyondAsciiReadBackAsStoredAndFilter() {
        NewEntry plain = TestEntries.entry("ns", "a", T0, 10);
        NewEntry entry = new NewEntry("ns", new KeyFactors("refactor", "grok-beta", Sha256.hex("é"), "prömpt-𝄞-ハッシュ", 1), null,
                "/repo", "src/ünïcode/ファイル-😀.rs", 10L, "xai", 100, null, null, null, null, plain.result(), T0, null);
        store(entry);

        assertThat(entries.find("ns", new EntryKey(entry.cacheKey()))).get().satisfies(found -> {
            assertThat(found.metadata().filePath()).isEqualTo("src/ünïcode/ファイル-😀.rs");
            assertThat(found.metadata().promptHash()).isEqualTo("prömpt-𝄞-ハッシュ");
        });
        assertThat(paths(new EntryFilter(null, null, "src/ünïcode/ファイル-😀.rs", null, null))).containsExactly("src/ünïcode/ファイル-😀.rs");
    }

    @Test
    void findsBySixtyFourHexLegacyKeyAndPrefersTheEntryWhoseCacheKeyItIs() {
        NewEntry a = TestEntries.entry("ns", "a", T0, 10);
        NewEntry b = TestEntries.entry("ns", "b", T0, 11);
        // c's legacy key (the Rust tool's own 64-hex key) is a's cache key, and b's cache key is no one's
        NewEntry c = TestEntries.withLegacyKey(TestEntries.entry("ns", "c", T0, 12), a.cacheKey());
        NewEntry d = TestEntries.withLegacyKey(TestEntries.entry("ns", "d", T0, 13), "e".repeat(64));
        List.of(c, a, b, d).forEach(this::store);

        assertThat(entries.find("ns", new EntryKey(a.cacheKey()))).get()
                .satisfies(found -> assertThat(found.metadata().filePath()).isEqualTo("src/a.rs"));
        assertThat(entries.find("ns", new EntryKey("e".repeat(64)))).get()
                .satisfies(found -> {
                    assertThat(found.metadata().cacheKey()).isEqualTo(d.cacheKey());
                    assertThat(found.frame()).isEqualTo(d.result().frame());
                });
        assertThat(entries.find("ns", new EntryKey("f".repeat(64)))).isEmpty();
    }

    @Test
    void findsManyByCacheKeyInOneQuery() {
        NewEntry a = stored("a");
        NewEntry b = stored("b");

        assertThat(entries.findAllByCacheKey("ns", List.of(a.cacheKey(), b.cacheKey(), "f".repeat(64))))
                .extracting(found -> found.metadata().cacheKey()).containsExactlyInAnyOrder(a.cacheKey(), b.cacheKey());
    }

    @Test
    void findsManyByCacheKeyWithinTheNamespaceOnlyAndWithTheirResults() {
        NewEntry mine = TestEntries.entry("ns", "mine", T0, 10);
        NewEntry theirs = TestEntries.entry("other", "theirs", T0, 12);
        store(mine);
        store(theirs);

        assertThat(entries.findAllByCacheKey("ns", List.of(theirs.cacheKey(), mine.cacheKey())))
                .singleElement().satisfies(found -> {
                    assertThat(found.metadata().cacheKey()).isEqualTo(mine.cacheKey());
                    assertThat(found.frame()).isEqualTo(mine.result().frame());
                });
        assertThat(entries.findAllByCacheKey("ns", List.of(mine.cacheKey()))).hasSize(1);
    }

    @Test
    void clearingDeletesWhatMatchesInBatches() {
        for (int i = 0; i < 5; i++) {
            store(TestEntries.entry("ns", "docs" + i, "docs", "xai", "grok-beta", T0, 10));
        }
        store(TestEntries.entry("ns", "keep", "refactor", "xai", "grok-beta", T0, 10));

        assertThat(entries.deleteBatch("ns", new EntryFilter("docs", null, null, null, null), 3)).isEqualTo(3);
        assertThat(entries.deleteBatch("ns", new EntryFilter("docs", null, null, null, null), 3)).isEqualTo(2);
        assertThat(paths(EntryFilter.NONE)).containsExactly("src/keep.rs");
    }

    @Test
    void deletingByLegacyKeyRemovesTheEntry() {
        NewEntry entry = TestEntries.withLegacyKey(TestEntries.entry("ns", "a", T0, 10), "0123456789abcdef0123456789abcdef");
        store(entry);

        assertThat(entries.delete("other", new EntryKey("0123456789abcdef0123456789abcdef"))).isFalse();
        assertThat(entries.delete("ns", new EntryKey("0123456789abcdef0123456789abcdef"))).isTrue();
        assertThat(entries.find("ns", new EntryKey(entry.cacheKey()))).isEmpty();
    }

    @Test
    void removingADamagedEntrySparesTheRowWhenItWasReplacedSinceItWasRead() {
        NewEntry entry = TestEntries.entry("ns", "a", T0, 10);
        store(entry);
        StoredEntry damaged = entries.find("ns", new EntryKey(entry.cacheKey())).orElseThrow();
        assertThat(entries.replace(TestEntries.entry("ns", "a", T0.plusSeconds(5), 10), 1_000)).isPresent();

        assertThat(entries.deleteIfUnchanged(damaged)).isFalse();
        StoredEntry fresh = entries.find("ns", new EntryKey(entry.cacheKey())).orElseThrow();
        assertThat(entries.deleteIfUnchanged(fresh)).isTrue();
        assertThat(entries.find("ns", new EntryKey(entry.cacheKey()))).isEmpty();
    }

    @Test
    void aReadByKeyTellsTheLiveLeaseOfAMissedKeyInTheSameStatement() {
        NewEntry stored = TestEntries.withLegacyKey(TestEntries.entry("ns", "a", T0, 10), "e".repeat(64));
        store(stored);
        store(TestEntries.entry("other", "b", T0, 10));
        String missed = "f".repeat(64);
        String expired = "d".repeat(64);
        lease("ns", missed, "live", T0.plusSeconds(60));
        lease("ns", expired, "expired", T0);
        lease("ns", stored.cacheKey(), "on-a-stored-key", T0.plusSeconds(60));
        lease("ns", "e".repeat(64), "on-a-legacy-key", T0.plusSeconds(60));
        lease("other", expired, "elsewhere", T0.plusSeconds(60));

        KeyRead miss = keyReads.find("ns", new EntryKey(missed), T0);
        KeyRead missOfAnExpiredLease = keyReads.find("ns", new EntryKey(expired), T0);
        KeyRead hit = keyReads.find("ns", new EntryKey(stored.cacheKey()), T0);
        KeyRead hitByLegacyKey = keyReads.find("ns", new EntryKey("e".repeat(64)), T0);
        KeyRead noSuchNamespace = keyReads.find("nobody", new EntryKey(missed), T0);

        assertThat(hit.entry()).get().satisfies(found -> assertThat(found.metadata().cacheKey()).isEqualTo(stored.cacheKey()));
        assertThat(hit.leaseRead()).isFalse(); // the read stopped at the entry
        assertThat(hitByLegacyKey.entry()).get().satisfies(found -> assertThat(found.frame()).isEqualTo(stored.result().frame()));
        assertThat(miss.entry()).isEmpty();
        assertThat(missOfAnExpiredLease.entry()).isEmpty();
        assertThat(noSuchNamespace).isEqualTo(new KeyRead(Optional.empty(), false, Optional.empty()));
        assertThat(miss.leaseRead()).isTrue();
        assertThat(miss.lease()).contains(new KeyRead.LiveLease("live", T0.plusSeconds(60)));
        assertThat(missOfAnExpiredLease.leaseRead()).isTrue();
        assertThat(missOfAnExpiredLease.lease()).isEmpty();
        assertThat(hitByLegacyKey.leaseRead()).isTrue();
        assertThat(hitByLegacyKey.lease()).contains(new KeyRead.LiveLease("on-a-legacy-key", T0.plusSeconds(60)));
    }

    @Test
    void aReadByKeyHoldsOneReadConnectionAtATimeWhenItsNamesAreNotCachedYet() {
        NewEntry stored = TestEntries.withLegacyKey(TestEntries.entry("ns", "a", T0, 10), "e".repeat(64));
        store(stored);
        // a repository whose names are not cached, on reads that count the connections open at once
        OpenConnections reads = new OpenConnections(readDataSource.dataSource());
        JdbcClient read = JdbcClient.create(reads);
        Names uncached = new Names(write, read);
        HotEntries none = new HotEntries(DataSize.ofBytes(0), Duration.ofSeconds(5), vendor, Clock.systemUTC());
        EntryRepository fresh = new EntryRepository(write, read, uncached, vendor, none, event -> { });
        KeyReads freshKeyReads = new KeyReads(read, uncached, fresh, none);

        assertThat(freshKeyReads.find("ns", new EntryKey(stored.cacheKey()), T0).entry()).isPresent();
        assertThat(freshKeyReads.find("ns", new EntryKey("e".repeat(64)), T0).entry()).isPresent();
        assertThat(fresh.find("ns", new EntryKey(stored.cacheKey()))).isPresent();

        // with more, a busy server's readers each wait for a second connection that none gives back
        assertThat(reads.mostAtOnce()).isEqualTo(1);
    }

    private void lease(String namespace, String cacheKey, String id, Instant expiresAt) {
        write.sql("""
                INSERT INTO leases (namespace, cache_key, id, granted_at, expires_at, takeovers)
                VALUES (:namespace, :key, :id, :grantedAt, :expiresAt, 0)
                """).param("namespace", namespace).param("key", cacheKey).param("id", id)
                .param("grantedAt", T0.minusSeconds(600).toEpochMilli()).param("expiresAt", expiresAt.toEpochMilli()).update();
    }

    @Test
    void aLookupAfterAReplaceADeleteOrAClearAnswersWhatTheDatabaseHolds() {
        NewEntry first = TestEntries.entry("ns", "a", T0, 10);
        EntryKey key = new EntryKey(first.cacheKey());
        store(first);
        assertThat(storedBytes(key)).containsExactly(10L, 10L, 10L); // read once: on SQLite a copy is kept in memory

        assertThat(entries.replace(TestEntries.entry("ns", "a", T0.plusSeconds(1), 20), 1_000)).isPresent();
        assertThat(storedBytes(key)).containsExactly(20L, 20L, 20L);

        assertThat(entries.delete("ns", key)).isTrue();
        assertThat(storedBytes(key)).isEmpty();

        store(first);
        assertThat(storedBytes(key)).containsExactly(10L, 10L, 10L);
        assertThat(entries.deleteBatch("ns", new EntryFilter(null, null, null, null, null, null), 100)).isEqualTo(1);
        assertThat(storedBytes(key)).isEmpty();
    }

    @Test
    void aBatchAnswersFromTheCopiesOnSqliteAndKeepsWhatItRead() {
        NewEntry a = stored("a");
        NewEntry b = stored("b");
        assertThat(entries.find("ns", new EntryKey(a.cacheKey()))).isPresent(); // a single lookup keeps a's copy
        assertThat(keyReads.findAll("ns", List.of(b.cacheKey()))).hasSize(1); // the batch keeps b's

        // rows changed behind the server's back, telling no one: only a read of the database sees it
        write.sql("UPDATE entries SET stored_bytes = 99").update();

        long copied = vendor == DatabaseVendor.SQLITE ? 10 : 99; // PostgreSQL keeps no copies
        assertThat(keyReads.findAll("ns", List.of(a.cacheKey(), b.cacheKey(), "f".repeat(64))))
                .extracting(entry -> entry.metadata().storedBytes()).containsExactly(copied, copied);
        assertThat(entries.find("ns", new EntryKey(b.cacheKey()))).get()
                .extracting(entry -> entry.metadata().storedBytes()).isEqualTo(copied);
        assertThat(entries.findAllByCacheKey("ns", List.of(a.cacheKey()))).as("the database itself")
                .extracting(entry -> entry.metadata().storedBytes()).containsExactly(99L);
    }

    /** What a lookup by key, a lookup with its lease and a batch see of the entry: its stored bytes, once for each found. */
    private List<Long> storedBytes(EntryKey key) {
        return Stream.of(entries.find("ns", key), keyReads.find("ns", key, T0).entry(),
                keyReads.findAll("ns", List.of(key.value())).stream().findFirst())
                .flatMap(Optional::stream).map(entry -> entry.metadata().storedBytes()).toList();
    }

    /** An entry of 10 stored bytes in namespace "ns", created at T0, stored. */
    private NewEntry stored(String name) {
        NewEntry entry = TestEntries.entry("ns", name, T0, 10);
        store(entry);
        return entry;
    }

    private void store(NewEntry entry) {
        assertThat(entries.insertIfAbsent(entry, 1_000)).isPresent();
    }

    private List<String> paths(EntryFilter filter) {
        return entries.list("ns", filter, null, 100).items().stream().map(EntryMetadata::filePath).toList();
    }
}
