package dev.llmcache.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.llmcache.config.CacheProperties;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.entry.HotEntries;
import dev.llmcache.entry.RowAccesses;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.ledger.LedgerRepository;
import dev.llmcache.storage.DatabaseVendor;
import dev.llmcache.storage.EntriesAccessedElsewhere;
import dev.llmcache.support.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/** Another replica's flush of access counts: the copies get their rows' counts, in one read however many notices. */
class CopiedCountsTests {

    private static final String KEY = "1".repeat(64);

    private final AccessFlushRepository repository = mock(AccessFlushRepository.class);
    private final TaskScheduler scheduler = mock(TaskScheduler.class);
    private final MutableClock clock = new MutableClock();
    private final HotEntries hot = new HotEntries(DataSize.ofMegabytes(1), Duration.ofMinutes(1), DatabaseVendor.SQLITE, clock);
    private final AccessTracker tracker = new AccessTracker(repository, hot, mock(LedgerRepository.class),
            mock(PlatformTransactionManager.class), scheduler, clock, new CacheProperties(Path.of("data"), Duration.ofSeconds(5),
                    new CacheProperties.Compression(3, 15), new CacheProperties.Limits(DataSize.ofMegabytes(16),
                            DataSize.ofMegabytes(8), DataSize.ofMegabytes(32), null, null, null), null));
    private final CopiedCounts counts = new CopiedCounts(hot, tracker, repository, scheduler, clock);
    private final StoredEntry entry = served();

    @Test
    void theCopiesGetTheCountsTheirRowsHoldAfterAnotherReplicasFlush() {
        hot.offer("ns", new EntryKey(KEY), entry, hot.stamp());
        given(repository.accessesOf(anyList())).willAnswer(call -> {
            List<RowAccesses> copied = call.getArgument(0);
            assertThat(copied).extracting(RowAccesses::cacheKey).containsExactly(KEY);
            return List.of(new RowAccesses("ns", KEY, 7, MutableClock.START.toEpochMilli(), 12,
                    MutableClock.START.plusSeconds(9).toEpochMilli()));
        });

        counts.read();

        StoredEntry copy = hot.find("ns", new EntryKey(KEY));
        assertThat(copy.metadata().accessCount()).isEqualTo(12);
        assertThat(copy.metadata().lastAccessedAt()).isEqualTo(MutableClock.START.plusSeconds(9));
    }

    @Test
    void aReadOfTheCountsThatFailsForgetsEveryCopy() {
        hot.offer("ns", new EntryKey(KEY), entry, hot.stamp());
        given(repository.accessesOf(anyList())).willThrow(new DataAccessResourceFailureException("connection refused"));

        counts.read();

        assertThat(hot.find("ns", new EntryKey(KEY))).isNull();
    }

    @Test
    void noticesHeardBeforeTheReadBeginsAreOneReadAndANoticeHeardAfterItQueuesAnother() {
        counts.accessedElsewhere(new EntriesAccessedElsewhere());
        counts.accessedElsewhere(new EntriesAccessedElsewhere());
        verify(scheduler, times(1)).schedule(any(Runnable.class), any(Instant.class));

        counts.read();
        counts.accessedElsewhere(new EntriesAccessedElsewhere());

        verify(scheduler, times(2)).schedule(any(Runnable.class), any(Instant.class));
    }

    private static StoredEntry served() {
        Instant at = MutableClock.START;
        return new StoredEntry(7, 0, new EntryMetadata(KEY, null, "ns", "refactor", "", "f", "h", "xai", "grok-beta", "", 1, 0,
                null, null, null, null, BigDecimal.ZERO, null, 1, 1, at, at, 3, null), "\"e\"", new byte[] {1});
    }
}
