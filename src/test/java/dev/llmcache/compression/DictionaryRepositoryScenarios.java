package dev.llmcache.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.entry.EncodedResult;
import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.HotEntries;
import dev.llmcache.entry.HotEntriesProperties;
import dev.llmcache.entry.Names;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.entry.TestEntries;
import dev.llmcache.storage.EmptyTables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dictionaries table and what the dictionary job reads and writes of the entries, on each
 * database: ids unique, the newest dictionary current, the aggregates of frames with and without a
 * dictionary kept by the triggers through stores, re-compression and deletes, and a re-compression
 * that leaves an entry alone when it changed since it was read.
 */
@Import({DictionaryRepository.class, RecompressionRepository.class, EntryRepository.class, Names.class, HotEntries.class})
@EnableConfigurationProperties(HotEntriesProperties.class)
abstract class DictionaryRepositoryScenarios {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Autowired
    DictionaryRepository dictionaries;

    @Autowired
    RecompressionRepository frames;

    @Autowired
    EntryRepository entries;

    @Autowired
    Names names;

    @Autowired
    JdbcClient write;

    @BeforeEach
    void empty() {
        EmptyTables.empty(write);
    }

    private Kind kind(String namespace, String cacheType) {
        Map<String, Long> ids = names.idsOf(List.of(namespace, cacheType));
        return new Kind(ids.get(namespace), ids.get(cacheType));
    }

    @Test
    void aDictionaryIsReadByItsIdAndTheNewestOfAKindIsLast() {
        Kind kind = kind("ns", "refactor");
        Kind other = kind("ns", "docs");
        assertThat(dictionaries.insertIfAbsent(new Dictionary(2_000_000_000L, kind, T0, 300, 310, new byte[] {1, 2, 3}))).isTrue();
        assertThat(dictionaries.insertIfAbsent(new Dictionary(40_000, kind, T0.plusSeconds(60), 600, 620, new byte[] {4}))).isTrue();
        assertThat(dictionaries.insertIfAbsent(new Dictionary(50_000, other, T0.plusSeconds(30), 300, 300, new byte[] {5}))).isTrue();

        assertThat(dictionaries.bytes(2_000_000_000L)).contains(new byte[] {1, 2, 3});
        assertThat(dictionaries.bytes(40_000)).contains(new byte[] {4});
        assertThat(dictionaries.bytes(12_345)).isEmpty();
        assertThat(dictionaries.headers()).extracting(DictionaryRepository.Header::id).containsExactly(2_000_000_000L, 50_000L, 40_000L);
        assertThat(dictionaries.headers().get(2).kindEntries()).isEqualTo(620);
        assertThat(dictionaries.kindNames(kind)).isEqualTo("namespace ns, cache type refactor");
    }

    @Test
    void anIdAlreadyTakenIsRefusedAndTheFirstDictionaryStays() {
        Kind kind = kind("ns", "refactor");
        assertThat(dictionaries.insertIfAbsent(new Dictionary(40_000, kind, T0, 300, 300, new byte[] {1}))).isTrue();

        assertThat(dictionaries.insertIfAbsent(new Dictionary(40_000, kind("other", "docs"), T0, 300, 300, new byte[] {2}))).isFalse();
        assertThat(dictionaries.bytes(40_000)).contains(new byte[] {1});
    }

    @Test
    void theAggregatesTellFramesWithADictionaryFromFramesWithoutThroughStoresRecompressionAndDeletes() {
        Kind kind = kind("ns", "refactor");
        entries.insertIfAbsent(withDictionary(TestEntries.entry("ns", "a", T0, 100), 40_000), 0);
        entries.insertIfAbsent(TestEntries.entry("ns", "b", T0, 200), 0);
        entries.insertIfAbsent(TestEntries.entry("ns", "c", T0, 300), 0);
        assertThat(aggregates()).containsExactly(3L, 1800L, 600L, 1L, 300L, 100L);

        List<RecompressionRepository.StoredFrame> plain = frames.framesWithoutDictionary(kind, 0, 10);
        assertThat(plain).extracting(RecompressionRepository.StoredFrame::storedBytes).containsExactly(200, 300);
        assertThat(frames.framesWithoutDictionary(kind, plain.get(0).id(), 10)).hasSize(1);
        assertThat(frames.framesWithoutDictionary(kind("ns", "docs"), 0, 10)).isEmpty();

        assertThat(frames.replaceFrame(plain.get(0), new byte[50], 40_000)).isTrue();
        assertThat(aggregates()).containsExactly(3L, 1800L, 450L, 2L, 900L, 150L);
        assertThat(write.sql("SELECT length(result) FROM entry_results WHERE entry_id = :id").param("id", plain.get(0).id())
                .query(Long.class).single()).isEqualTo(50);
        assertThat(frames.framesWithoutDictionary(kind, 0, 10)).hasSize(1);

        entries.deleteBatch("ns", dev.llmcache.entry.EntryFilter.NONE, 100);
        assertThat(aggregates()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void aFrameIsLeftAloneWhenItsEntryWasReplacedSinceItWasRead() {
        Kind kind = kind("ns", "refactor");
        entries.insertIfAbsent(TestEntries.entry("ns", "a", T0, 200), 0);
        RecompressionRepository.StoredFrame read = frames.framesWithoutDictionary(kind, 0, 10).get(0);
        NewEntry replacement = TestEntries.entry("ns", "a", T0.plusSeconds(5), 250);
        replacement = new NewEntry(replacement.namespace(), replacement.factors(), null, replacement.repoPath(),
                replacement.filePath(), replacement.fileSize(), replacement.provider(), replacement.tokensUsed(), null, null,
                null, null, new EncodedResult(new byte[250], 900, "\"" + "ab".repeat(16) + "\""), replacement.createdAt(), null);
        entries.replace(replacement, 0);

        assertThat(frames.replaceFrame(read, new byte[10], 40_000)).isFalse();
        assertThat(write.sql("SELECT length(result) FROM entry_results WHERE entry_id = :id").param("id", read.id())
                .query(Long.class).single()).isEqualTo(250);
    }

    @Test
    void theNewestResultsOfAKindAreItsSample() {
        Kind kind = kind("ns", "refactor");
        for (int i = 0; i < 5; i++) {
            entries.insertIfAbsent(TestEntries.entry("ns", "e" + i, T0.plusSeconds(i), 10 + i), 0);
        }
        entries.insertIfAbsent(TestEntries.entry("ns", "docs", "docs", "xai", "grok-beta", T0.plusSeconds(9), 99), 0);

        assertThat(dictionaries.newestResults(kind, 3)).extracting(sample -> sample.frame().length).containsExactly(14, 13, 12);
        assertThat(dictionaries.kindSizes()).extracting(DictionaryRepository.KindSize::entries).containsExactlyInAnyOrder(5L, 1L);
    }

    private static NewEntry withDictionary(NewEntry entry, long dictionaryId) {
        EncodedResult result = entry.result();
        return new NewEntry(entry.namespace(), entry.factors(), entry.legacyKey(), entry.repoPath(), entry.filePath(),
                entry.fileSize(), entry.provider(), entry.tokensUsed(), entry.inputTokens(), entry.outputTokens(),
                entry.cachedInputTokens(), entry.cacheWriteTokens(),
                new EncodedResult(result.frame(), result.resultBytes(), result.etag(), dictionaryId), entry.createdAt(),
                entry.writtenBy());
    }

    /** entries, result bytes, stored bytes, and the same of frames with a dictionary, of every kind. */
    private List<Long> aggregates() {
        return write.sql("""
                SELECT coalesce(sum(entries), 0) AS a, coalesce(sum(result_bytes), 0) AS b, coalesce(sum(stored_bytes), 0) AS c,
                    coalesce(sum(dict_entries), 0) AS d, coalesce(sum(dict_result_bytes), 0) AS e,
                    coalesce(sum(dict_stored_bytes), 0) AS f
                FROM type_stats
                """).query((rs, n) -> List.of(rs.getLong("a"), rs.getLong("b"), rs.getLong("c"), rs.getLong("d"),
                        rs.getLong("e"), rs.getLong("f"))).single();
    }
}
