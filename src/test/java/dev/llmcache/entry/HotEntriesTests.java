package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.storage.ChangeFeedStatus;
import dev.llmcache.storage.DatabaseVendor;
import dev.llmcache.storage.EntriesChanged;
import dev.llmcache.storage.EntriesChangedElsewhere;
import dev.llmcache.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class HotEntriesTests {

    private static final Duration LIFETIME = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock();
    private final HotEntries hot = new HotEntries(DataSize.ofMegabytes(1), LIFETIME, DatabaseVendor.SQLITE, clock);
    private final StoredEntry a = served("a");
    private final StoredEntry b = served("b");

    @Test
    void aServedEntryIsAnsweredFromMemoryUntilItsKeyChanges() {
        offer(a);
        offer(b);

        assertThat(hot.find("ns", key(a))).isSameAs(a);
        hot.changed(new EntriesChanged("ns", a.metadata().cacheKey()));

        assertThat(hot.find("ns", key(a))).isNull();
        assertThat(hot.find("ns", key(b))).isSameAs(b);
        assertThat(hot.find("other", key(b))).as("another namespace").isNull();
    }

    @Test
    void aChangeOfAnyEntryForgetsEveryCopy() {
        offer(a);
        offer(b);

        hot.changed(EntriesChanged.any());

        assertThat(hot.find("ns", key(a))).isNull();
        assertThat(hot.find("ns", key(b))).isNull();
    }

    @Test
    void whatALookupReadIsRefusedWhenTheDatabaseChangedWhileItRead() {
        HotEntries.Stamp beforeTheRead = hot.stamp();
        hot.changed(new EntriesChanged("ns", b.metadata().cacheKey())); // committed while a was read

        hot.offer("ns", key(a), a, beforeTheRead);

        assertThat(hot.find("ns", key(a))).isNull();
        offer(a); // read again after the change
        assertThat(hot.find("ns", key(a))).isSameAs(a);
    }

    @Test
    void anEntryFoundByItsLegacyKeyIsNotKept() {
        StoredEntry imported = new StoredEntry(1, 0, EntryMetadata.written(TestEntries.withLegacyKey(
                TestEntries.entry("ns", "legacy", MutableClock.START, 100), "e".repeat(64)), 0, "e".repeat(64)),
                "\"etag\"", new byte[100]);

        hot.offer("ns", new EntryKey("e".repeat(64)), imported, hot.stamp());
        hot.offer("ns", new EntryKey("f".repeat(32)), imported, hot.stamp());

        assertThat(hot.find("ns", new EntryKey("e".repeat(64)))).isNull();
        assertThat(hot.find("ns", new EntryKey("f".repeat(32)))).isNull();
        assertThat(hot.find("ns", key(imported))).as("never offered under its cache key").isNull();
    }

    @Test
    void aCopyLivesNoLongerThanItsLifetime() {
        offer(a);

        clock.advance(LIFETIME.minusMillis(1));
        assertThat(hot.find("ns", key(a))).isSameAs(a);
        clock.advance(Duration.ofMillis(1));
        assertThat(hot.find("ns", key(a))).isNull();
    }

    @Test
    void aCopyKeepsTheResultItsLookupCheckedInPlaceOfItsFrame() {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        offer(a);

        hot.checked(a, json);

        StoredEntry copy = hot.find("ns", key(a));
        assertThat(copy.checkedResult()).isSameAs(json);
        assertThat(copy.frame()).isNull();
        assertThat(copy.metadata()).isSameAs(a.metadata());
        assertThat(copy.etag()).isEqualTo(a.etag());
    }

    @Test
    void aCheckedResultIsKeptOnlyInTheCopyItsLookupRead() {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        StoredEntry readBefore = served("a");
        offer(a); // read again since: the copy is no longer the one readBefore's lookup checked

        hot.checked(readBefore, json);
        assertThat(hot.find("ns", key(a))).isSameAs(a);

        hot.changed(new EntriesChanged("ns", a.metadata().cacheKey()));
        hot.checked(a, json);
        assertThat(hot.find("ns", key(a))).as("forgotten, not brought back").isNull();
    }

    @Test
    void theCopiesStayWithinTheirMaximumSize() {
        HotEntries small = new HotEntries(DataSize.ofKilobytes(64), LIFETIME, DatabaseVendor.SQLITE, clock);
        var entries = IntStream.range(0, 100).mapToObj(n -> served("e" + n, 2048)).toList();
        entries.forEach(entry -> small.offer("ns", key(entry), entry, small.stamp()));

        long kept = entries.stream().filter(entry -> small.find("ns", key(entry)) != null).count();

        // each copy weighs its result as decoded (6 KiB: three times its 2 KiB frame here) and 1 KiB for its metadata
        assertThat(kept).isPositive().isLessThanOrEqualTo(64 / 7);
    }

    @Test
    void aMaximumSizeOfZeroKeepsNothing() {
        HotEntries off = new HotEntries(DataSize.ofBytes(0), LIFETIME, DatabaseVendor.SQLITE, clock);
        off.offer("ns", key(a), a, off.stamp());

        assertThat(off.find("ns", key(a))).isNull();
    }

    @Test
    void onPostgresqlCopiesAreKeptOnlyWhileOtherReplicasChangesAreHeard() {
        HotEntries pg = new HotEntries(DataSize.ofMegabytes(1), LIFETIME, DatabaseVendor.POSTGRESQL, clock);
        pg.offer("ns", key(a), a, pg.stamp());
        assertThat(pg.find("ns", key(a))).as("before the listener hears").isNull();

        HotEntries.Stamp readBeforeHearing = pg.stamp();
        pg.feed(new ChangeFeedStatus(true));
        pg.offer("ns", key(a), a, readBeforeHearing);
        assertThat(pg.find("ns", key(a))).as("read before the listener heard").isNull();
        pg.offer("ns", key(a), a, pg.stamp());
        pg.offer("ns", key(b), b, pg.stamp());
        assertThat(pg.find("ns", key(a))).isSameAs(a);

        pg.changedElsewhere(new EntriesChangedElsewhere("ns", a.metadata().cacheKey()));
        assertThat(pg.find("ns", key(a))).as("changed by another replica").isNull();
        assertThat(pg.find("ns", key(b))).isSameAs(b);

        pg.feed(new ChangeFeedStatus(false));
        assertThat(pg.find("ns", key(b))).as("the listener stopped hearing").isNull();
        pg.offer("ns", key(b), b, pg.stamp());
        pg.feed(new ChangeFeedStatus(true));
        assertThat(pg.find("ns", key(b))).as("offered while nothing was heard").isNull();
    }

    @Test
    void aChangeOfAnyEntryOnAnotherReplicaForgetsEveryCopy() {
        HotEntries pg = new HotEntries(DataSize.ofMegabytes(1), LIFETIME, DatabaseVendor.POSTGRESQL, clock);
        pg.feed(new ChangeFeedStatus(true));
        pg.offer("ns", key(a), a, pg.stamp());
        HotEntries.Stamp beforeTheRead = pg.stamp();

        pg.changedElsewhere(new EntriesChangedElsewhere(null, null));
        pg.offer("ns", key(b), b, beforeTheRead);

        assertThat(pg.find("ns", key(a))).isNull();
        assertThat(pg.find("ns", key(b))).as("read while another replica changed it").isNull();
    }

    @Test
    void aFlushOfAccessCountsAddsThemToTheCopiesReadBeforeIt() {
        offer(a);
        offer(b);
        hot.checked(a, "{}".getBytes(StandardCharsets.UTF_8));

        long flushing = hot.accessesFlushing();
        hot.accessesFlushed(flushing, List.of(flushed(a, 3, 30)));

        StoredEntry copy = hot.find("ns", key(a));
        assertThat(copy.metadata().accessCount()).isEqualTo(a.metadata().accessCount() + 3);
        assertThat(copy.metadata().lastAccessedAt()).isEqualTo(MutableClock.START.plusSeconds(30));
        assertThat(copy.checkedResult()).as("still checked").isNotNull();
        assertThat(hot.find("ns", key(b))).as("not accessed: as read").isSameAs(b);
    }

    @Test
    void aCopyReadWhileAFlushCommittedIsForgottenAndOneReadAfterItIsKept() {
        HotEntries.Stamp beforeTheFlush = hot.stamp();
        long flushing = hot.accessesFlushing();
        offer(a); // read while the flush committed: its row may or may not hold the flushed counts
        hot.offer("ns", key(b), b, beforeTheFlush); // refused, like any read across a change

        hot.accessesFlushed(flushing, List.of(flushed(a, 3, 30), flushed(b, 1, 30)));
        assertThat(hot.find("ns", key(a))).isNull();
        assertThat(hot.find("ns", key(b))).isNull();

        offer(a); // read after the flush committed: holds its counts
        assertThat(hot.find("ns", key(a))).isSameAs(a);
    }

    @Test
    void flushedAccessesOfAReplacedEntryAreNotAddedToItsSuccessorsCopy() {
        StoredEntry successor = successorOfA();
        offer(successor);

        hot.accessesFlushed(hot.accessesFlushing(), List.of(flushed(a, 3, 30)));

        assertThat(hot.find("ns", key(a))).isSameAs(successor);
    }

    @Test
    void aCopyOutlivesFlushesButNotItsLifetime() {
        offer(a);

        for (int flush = 1; flush <= 11; flush++) {
            clock.advance(Duration.ofSeconds(5));
            hot.accessesFlushed(hot.accessesFlushing(), List.of(flushed(a, 1, 5 * flush)));
        }
        assertThat(hot.find("ns", key(a)).metadata().accessCount()).isEqualTo(a.metadata().accessCount() + 11);

        clock.advance(Duration.ofSeconds(5));
        assertThat(hot.find("ns", key(a))).as("adding counts does not restart the lifetime").isNull();
    }

    @Test
    void countsReadAfterAnotherReplicasFlushAreGivenToTheCopiesReadBeforeIt() {
        offer(a);
        offer(b);
        hot.checked(a, "{}".getBytes(StandardCharsets.UTF_8));
        hot.accessesFlushed(hot.accessesFlushing(), List.of(flushed(a, 2, 20))); // this server's own, added already

        long reading = hot.accessesFlushing();
        assertThat(hot.copiedBefore(reading)).extracting(RowAccesses::cacheKey)
                .containsExactlyInAnyOrder(a.metadata().cacheKey(), b.metadata().cacheKey());
        hot.countsRead(reading, List.of(row(a, a.metadata().accessCount() + 5, 40), row(b, b.metadata().accessCount(), 0)));

        StoredEntry copy = hot.find("ns", key(a));
        assertThat(copy.metadata().accessCount()).as("its row's count, which holds this server's flushed hits too")
                .isEqualTo(a.metadata().accessCount() + 5);
        assertThat(copy.metadata().lastAccessedAt()).isEqualTo(MutableClock.START.plusSeconds(40));
        assertThat(copy.checkedResult()).as("still checked").isNotNull();
        assertThat(hot.find("ns", key(b))).as("its row as it was read: the same copy").isSameAs(b);
    }

    @Test
    void aCopyReadAfterTheCountsWereAskedForKeepsItsOwnAndAReadAcrossThatIsRefused() {
        offer(b);
        HotEntries.Stamp beforeTheNotice = hot.stamp();
        long reading = hot.accessesFlushing();
        hot.offer("ns", key(a), a, beforeTheNotice); // may lack the other replica's counts, and is not among those read
        assertThat(hot.find("ns", key(a))).isNull();
        offer(a); // read after: holds them

        assertThat(hot.copiedBefore(reading)).extracting(RowAccesses::cacheKey).containsExactly(b.metadata().cacheKey());
        hot.countsRead(reading, List.of(row(a, a.metadata().accessCount() + 7, 50), row(b, b.metadata().accessCount() + 4, 50)));

        assertThat(hot.find("ns", key(a))).as("read after the counts were asked for").isSameAs(a);
        assertThat(hot.find("ns", key(b)).metadata().accessCount()).isEqualTo(b.metadata().accessCount() + 4);
    }

    @Test
    void countsReadForAReplacedEntryAreNotGivenToItsSuccessorsCopy() {
        StoredEntry successor = successorOfA();
        offer(successor);
        long reading = hot.accessesFlushing();

        // the row of the entry it replaced, as a read of counts begun before the replacement would find it
        hot.countsRead(reading, List.of(row(a, a.metadata().accessCount() + 9, 50)));

        assertThat(hot.find("ns", key(a))).isSameAs(successor);
    }

    @Test
    void aCopyWhoseRowHoldsFewerAccessesThanItIsForgotten() {
        offer(a);
        hot.accessesFlushed(hot.accessesFlushing(), List.of(flushed(a, 2, 20)));
        long reading = hot.accessesFlushing();

        hot.countsRead(reading, List.of(row(a, a.metadata().accessCount() + 1, 20)));

        assertThat(hot.find("ns", key(a))).isNull();
    }

    private static RowAccesses row(StoredEntry entry, long accessCount, int second) {
        return new RowAccesses("ns", entry.metadata().cacheKey(), entry.id(), entry.metadata().createdAt().toEpochMilli(),
                accessCount, MutableClock.START.plusSeconds(second).toEpochMilli());
    }

    private static FlushedAccess flushed(StoredEntry entry, long count, int second) {
        return new FlushedAccess("ns", entry.metadata().cacheKey(), entry.id(),
                entry.metadata().createdAt().toEpochMilli(), count, MutableClock.START.plusSeconds(second).toEpochMilli());
    }

    private void offer(StoredEntry entry) {
        hot.offer("ns", key(entry), entry, hot.stamp());
    }

    /** The entry that replaced {@code a} under its key: another row, created later. */
    private static StoredEntry successorOfA() {
        NewEntry replacement = TestEntries.entry("ns", "a", MutableClock.START.plusSeconds(10), 100);
        return new StoredEntry(2, 0, EntryMetadata.written(replacement, 0, null), replacement.result().etag(),
                replacement.result().frame());
    }

    private static StoredEntry served(String name) {
        return served(name, 100);
    }

    private static StoredEntry served(String name, int frameBytes) {
        NewEntry entry = TestEntries.entry("ns", name, MutableClock.START, frameBytes);
        return new StoredEntry(1, 0, EntryMetadata.written(entry, 0, null), entry.result().etag(), entry.result().frame());
    }

    private static EntryKey key(StoredEntry entry) {
        return new EntryKey(entry.metadata().cacheKey());
    }
}
