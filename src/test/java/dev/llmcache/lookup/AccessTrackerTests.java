package dev.llmcache.lookup;

import dev.llmcache.ledger.PendingLookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.llmcache.ledger.LedgerRepository;
import dev.llmcache.ledger.LookupCounts;
import dev.llmcache.config.CacheProperties;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.entry.EntryMetadata;
import dev.llmcache.entry.HotEntries;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.storage.DatabaseVendor;
import dev.llmcache.support.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.util.unit.DataSize;

/** Recorded lookups are never lost: a failed flush keeps them, the next one writes them once. */
class AccessTrackerTests {

    private final AccessFlushRepository repository = mock(AccessFlushRepository.class);
    private final LedgerRepository ledger = mock(LedgerRepository.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
    private final MutableClock clock = new MutableClock();
    private final HotEntries hot = new HotEntries(DataSize.ofMegabytes(1), Duration.ofMinutes(1), DatabaseVendor.SQLITE, clock);
    private final AccessTracker tracker = new AccessTracker(repository, hot, ledger, transactions, mock(TaskScheduler.class),
            clock, new CacheProperties(Path.of("data"), Duration.ofSeconds(5), new CacheProperties.Compression(3, 15),
                    new CacheProperties.Limits(DataSize.ofMegabytes(16), DataSize.ofMegabytes(8), DataSize.ofMegabytes(32), null, null, null), null));

    private static StoredEntry entry(long id, long costNanos) {
        Instant at = MutableClock.START;
        return new StoredEntry(id, costNanos, new EntryMetadata(String.valueOf(id).repeat(64), null, "ns", "refactor", "", "f", "h", "xai",
                "grok-beta", "", 1, 0, null, null, null, null, BigDecimal.ZERO, null, 1, 1, at, at, 0, null), "\"e\"", null);
    }

    private LookupCounts pending() {
        return tracker.readWithPending("ns", PendingLookups::total);
    }

    @Test
    void failedFlushKeepsEveryCountForTheNextOne() {
        org.mockito.BDDMockito.given(transactions.getTransaction(any())).willReturn(new SimpleTransactionStatus());
        doThrow(new DataAccessResourceFailureException("disk full")).doNothing().when(repository).addEntryAccesses(anyMap());
        Map<PendingAccess.TypeKey, LookupCounts> written = new HashMap<>();
        doAnswer(call -> {
            written.putAll(call.getArgument(0));
            return Set.of(); // no savings at the ceiling
        }).when(repository).addTypeCounts(anyMap());

        tracker.recordHit(entry(1, 50));
        tracker.recordHit(entry(1, 50));
        tracker.recordMiss("ns", "", "");
        tracker.flush();                                   // fails: nothing may be lost
        assertThat(pending()).isEqualTo(new LookupCounts(2, 1, 100));
        verify(transactions).rollback(any());

        tracker.recordHit(entry(2, 7));
        tracker.flush();                                   // succeeds: everything written once
        assertThat(written.get(new PendingAccess.TypeKey("ns", "refactor"))).isEqualTo(new LookupCounts(3, 0, 107));
        assertThat(written.get(new PendingAccess.TypeKey("ns", ""))).isEqualTo(new LookupCounts(0, 1, 0));
        assertThat(pending()).isEqualTo(LookupCounts.ZERO);
    }

    @Test
    void aFlushAddsWhatItWroteToTheCopyOfTheEntryAndAFailedOneNothing() {
        org.mockito.BDDMockito.given(transactions.getTransaction(any())).willReturn(new SimpleTransactionStatus());
        doThrow(new DataAccessResourceFailureException("disk full")).doNothing().when(repository).addEntryAccesses(anyMap());
        StoredEntry head = entry(1, 50);
        StoredEntry read = new StoredEntry(head.id(), head.costNanos(), head.metadata(), head.etag(), new byte[10]);
        EntryKey key = new EntryKey(read.metadata().cacheKey());
        hot.offer("ns", key, read, hot.stamp());
        clock.advance(Duration.ofSeconds(2));
        tracker.recordHit(read);
        tracker.recordHit(read);

        tracker.flush();
        assertThat(hot.find("ns", key).metadata().accessCount()).as("nothing written").isZero();
        assertThat(tracker.unflushed(read).count()).isEqualTo(2);

        tracker.flush();
        assertThat(hot.find("ns", key).metadata().accessCount()).isEqualTo(2);
        assertThat(hot.find("ns", key).metadata().lastAccessedAt()).isEqualTo(MutableClock.START.plusSeconds(2));
        assertThat(tracker.unflushed(read)).isNull();
    }

    @Test
    void unreachableDatabaseKeepsTheCountsToo() {
        org.mockito.BDDMockito.given(transactions.getTransaction(any()))
                .willThrow(new org.springframework.transaction.CannotCreateTransactionException("no connection"));
        tracker.recordHit(entry(1, 50));

        tracker.flush();

        assertThat(pending()).isEqualTo(new LookupCounts(1, 0, 50));
        verify(repository, never()).addTypeCounts(anyMap());
    }
}
