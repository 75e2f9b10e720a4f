package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.entry.EncodedResult;
import dev.llmcache.entry.ImportRepository;
import dev.llmcache.entry.KeyFactors;
import dev.llmcache.entry.NewEntry;
import dev.llmcache.support.Sha256;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Each policy's order on small hand-made sets, and each limit's exactness; on SQLite and PostgreSQL. */
abstract class EvictionPolicyScenarios extends EvictionTestSupport {

    @Autowired
    private ImportRepository imports;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void lruEvictsTheLeastRecentlyAccessedFirst() {
        JsonNode a = store("a", 5000, small("a"));
        clock.advance(Duration.ofMinutes(1));
        JsonNode b = store("b", 5000, small("b"));
        clock.advance(Duration.ofMinutes(1));
        JsonNode c = store("c", 5000, small("c"));
        clock.advance(Duration.ofMinutes(1));
        JsonNode d = store("d", 5000, small("d"));
        clock.advance(Duration.ofMinutes(10));
        hit(a);

        JsonNode result = evict("policy", "LRU", "maxEntries", 2);

        assertThat(present(a, b, c, d)).containsExactly(a, d);
        assertThat(result.get("evicted").asLong()).isEqualTo(2);
        assertThat(result.get("freedBytes").asLong()).isEqualTo(size(b, c));
        assertThat(result.get("remainingEntries").asLong()).isEqualTo(2);
        assertThat(result.get("remainingBytes").asLong()).isEqualTo(size(a, d));
    }

    @Test
    void oldestEvictsTheEarliestCreatedFirstWhateverTheAccesses() {
        JsonNode a = store("a", 5000, small("a"));
        clock.advance(Duration.ofMinutes(1));
        JsonNode b = store("b", 5000, small("b"));
        clock.advance(Duration.ofMinutes(1));
        JsonNode c = store("c", 5000, small("c"));
        clock.advance(Duration.ofMinutes(10));
        hit(a);

        evict("policy", "OLDEST", "maxEntries", 1);

        assertThat(present(a, b, c)).containsExactly(c);
    }

    @Test
    void largestEvictsTheBiggestStoredFirst() {
        JsonNode big = store("big", 5000, large(1, 8000));
        JsonNode tiny = store("tiny", 5000, small("tiny"));
        JsonNode medium = store("medium", 5000, large(2, 2000));

        evict("policy", "LARGEST", "maxEntries", 2);
        assertThat(present(big, tiny, medium)).containsExactly(tiny, medium);
        evict("policy", "LARGEST", "maxEntries", 1);
        assertThat(present(big, tiny, medium)).containsExactly(tiny);
    }

    @Test
    void costAwareKeepsWhatIsExpensiveOftenUsedAndSmall() {
        // priority = (hits + 1) x cost / storedBytes, with about 3 kB for the large results. Stored
        // in an order that neither OLDEST, LRU nor LARGEST would evict in.
        JsonNode dearSmall = store("dearSmall", 5000, small("d"));       // $0.05 / a few dozen bytes
        JsonNode cheapSmall = store("cheapSmall", 500, small("s"));      // $0.005 / a few dozen bytes
        JsonNode usedLarge = store("usedLarge", 5000, large(2, 6000));   // $0.05 / 3 kB, used twice: x3
        JsonNode free = store("free", 0, small("free"));                 // no cost: the cheapest
        JsonNode cheapLarge = store("cheapLarge", 5000, large(1, 6000)); // $0.05 / 3 kB
        hit(usedLarge);
        hit(usedLarge);

        for (JsonNode next : new JsonNode[] {free, cheapLarge, usedLarge, cheapSmall}) {
            long left = jdbc.sql("SELECT count(*) FROM entries").query(Long.class).single();
            evict("policy", "COST_AWARE", "maxEntries", left - 1);
            assertThat(exists(next)).as("%s evicted next", next.get("filePath")).isFalse();
        }
        assertThat(present(free, cheapLarge, usedLarge, cheapSmall, dearSmall)).containsExactly(dearSmall);
    }

    @Test
    void costAwareAgesEntriesThatAreNoLongerUsed() {
        JsonNode first = store("first", 5000, large(1, 6000));   // about 16,700 nano-dollars per byte
        JsonNode second = store("second", 6000, large(2, 6000)); // about 20,000
        evict("policy", "COST_AWARE", "maxEntries", 1);
        assertThat(present(first, second)).containsExactly(second);

        // Worth less per byte than second (about 10,000) but stored after L rose to first's priority:
        JsonNode late = store("late", 3000, large(3, 6000));
        evict("policy", "COST_AWARE", "maxEntries", 1);

        assertThat(present(second, late)).containsExactly(late);
    }

    @Test
    void importedEntriesGetTheirCostAwarePriorityToo() {
        NewEntry dear = imported("dear.rs", 100);
        NewEntry cheap = imported("cheap.rs", 10_000);
        transactions.executeWithoutResult(status ->
                imports.insertAllIfAbsent(List.of(dear, cheap), new long[] {50_000_000L, 50_000_000L}));

        assertThat(priority("dear.rs")).isEqualTo(50_000_000.0 / 100);
        assertThat(priority("cheap.rs")).isEqualTo(50_000_000.0 / 10_000);
        evict("policy", "COST_AWARE", "maxEntries", 1);
        assertThat(jdbc.sql("SELECT file_path FROM entries").query(String.class).list())
                .containsExactly("dear.rs");
    }

    @Test
    void targetBytesRemovesExactlyUpToTheEntryThatBringsTheTotalUnder() {
        JsonNode[] entries = new JsonNode[5];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = store("e" + i, 5000, large(i, 1000 + 400 * i));
            clock.advance(Duration.ofMinutes(1));
        }
        long total = size(entries);

        // One byte more than the oldest holds: the second oldest must go too, and no third.
        JsonNode first = evict("policy", "OLDEST", "targetBytes", total - size(entries[0]) - 1);
        assertThat(first.get("evicted").asLong()).isEqualTo(2);
        assertThat(first.get("remainingBytes").asLong()).isEqualTo(total - size(entries[0], entries[1]));

        // Exactly the next one's size: it alone goes.
        long left = first.get("remainingBytes").asLong();
        JsonNode second = evict("policy", "OLDEST", "targetBytes", left - size(entries[2]));
        assertThat(second.get("evicted").asLong()).isEqualTo(1);
        assertThat(second.get("remainingBytes").asLong()).isEqualTo(size(entries[3], entries[4]));

        // Already under: nothing goes.
        JsonNode third = evict("policy", "OLDEST", "targetBytes", size(entries[3], entries[4]));
        assertThat(third.get("evicted").asLong()).isZero();
        assertThat(present(entries)).containsExactly(entries[3], entries[4]);
    }

    @Test
    void maxEntriesLeavesExactlyThatManyAcrossBatches() {
        JsonNode[] entries = new JsonNode[8];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = store("e" + i, 5000, small("e" + i));
            clock.advance(Duration.ofMinutes(1));
        }

        JsonNode result = evict("policy", "OLDEST", "maxEntries", 3);

        assertThat(result.get("evicted").asLong()).isEqualTo(5);
        assertThat(result.get("remainingEntries").asLong()).isEqualTo(3);
        assertThat(present(entries)).containsExactly(entries[5], entries[6], entries[7]);
    }

    @Test
    void olderThanRemovesEveryEntryNotAccessedSinceAndNothingElse() {
        JsonNode[] idle = new JsonNode[4];
        for (int i = 0; i < idle.length; i++) {
            idle[i] = store("idle" + i, 5000, small("idle" + i));
        }
        JsonNode used = store("used", 5000, small("used"));
        JsonNode boundary = store("boundary", 5000, small("boundary"));
        clock.advance(Duration.ofDays(1));
        hit(boundary);
        clock.advance(Duration.ofDays(5));
        hit(used);
        clock.advance(Duration.ofDays(25));

        // Exactly 30 days since boundary's last access: not before now minus P30D, so it stays.
        JsonNode result = evict("policy", "LARGEST", "olderThan", "P30D");

        assertThat(result.get("evicted").asLong()).isEqualTo(4);
        assertThat(result.get("freedBytes").asLong()).isEqualTo(size(idle));
        assertThat(present(idle)).isEmpty();
        assertThat(present(used, boundary)).containsExactly(used, boundary);
    }

    @Test
    void limitsCombineIdleEntriesFirstThenThePolicyUntilEveryLimitHolds() {
        JsonNode idle = store("idle", 5000, small("idle"));
        clock.advance(Duration.ofDays(40));
        JsonNode[] recent = new JsonNode[4];
        for (int i = 0; i < recent.length; i++) {
            recent[i] = store("recent" + i, 5000, large(i, 4000 - 800 * i));
            clock.advance(Duration.ofMinutes(1));
        }

        JsonNode result = evict("policy", "LARGEST", "olderThan", "P30D", "maxEntries", 3,
                "targetBytes", size(recent[2], recent[3]));

        assertThat(present(idle)).isEmpty();
        assertThat(present(recent)).containsExactly(recent[2], recent[3]);
        assertThat(result.get("evicted").asLong()).isEqualTo(3);
        assertThat(result.get("remainingBytes").asLong()).isEqualTo(size(recent[2], recent[3]));
    }

    private NewEntry imported(String file, int storedBytes) {
        return new NewEntry(namespace, new KeyFactors("refactor", "grok-beta", Sha256.hex(file), "", 1), null, "/repo", file,
                10L, "xai", 5000, null, null, null, null,
                new EncodedResult(new byte[storedBytes], storedBytes, "\"" + "0".repeat(32) + "\""), clock.instant(), null);
    }

    private double priority(String file) {
        return jdbc.sql("SELECT eviction_priority FROM entries WHERE file_path = :file")
                .param("file", file)
                .query(Double.class).single();
    }

    @Test
    void evictionAppliesAcrossAllNamespaces() {
        JsonNode mine = store("mine", 5000, small("mine"));
        clock.advance(Duration.ofMinutes(1));
        JsonNode theirs = store(api.inNamespace("other-" + namespace), "theirs", 5000, small("theirs"));

        JsonNode result = evict("policy", "OLDEST", "maxEntries", 1);

        assertThat(result.get("remainingEntries").asLong()).isEqualTo(1);
        assertThat(exists(mine)).isFalse();
        assertThat(api.inNamespace("other-" + namespace).head("/api/v1/entries/" + theirs.get("cacheKey").asString()).status())
                .isEqualTo(200);
    }
}
