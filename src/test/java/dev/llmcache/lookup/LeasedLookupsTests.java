package dev.llmcache.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.llmcache.budget.BudgetLevel;
import dev.llmcache.budget.BudgetService;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.entry.KeyRead;
import dev.llmcache.entry.StoredEntry;
import dev.llmcache.lease.Lease;
import dev.llmcache.lease.LeaseGrant;
import dev.llmcache.lease.LeaseService;
import dev.llmcache.lease.LeaseWaiters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lookup's steps around a lease: a store landing between them, and where a miss learns of another client's lease. */
class LeasedLookupsTests {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final EntryKey KEY = new EntryKey("a".repeat(64));

    private final LookupService lookups = mock(LookupService.class);
    private final LeaseService leases = mock(LeaseService.class);
    private final BudgetService budgets = mock(BudgetService.class);
    private final LeasedLookups leased = new LeasedLookups(lookups, leases, mock(LeaseWaiters.class), budgets, List.of(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<LookupAnswer> answers = new ArrayList<>();
    private final LookupAnswer.Sink sink = new LookupAnswer.Sink() {
        @Override
        public void answer(LookupAnswer answer) {
            answers.add(answer);
        }

        @Override
        public void fail(RuntimeException failure) {
            throw failure;
        }
    };

    @Test
    void aStoreThatLandsBetweenTheMissAndTheGrantIsServedAndTheLeaseGivenBack() {
        StoredEntry stored = mock(StoredEntry.class);
        ServedEntry served = mock(ServedEntry.class);
        Lease lease = new Lease("lease-1", "default", KEY.value(), NOW.plusSeconds(300));
        when(lookups.findWithLease("default", KEY, NOW)).thenReturn(read(Optional.empty(), false, null));
        when(lookups.find("default", KEY)).thenReturn(Optional.of(stored));
        when(lookups.serveHit(stored)).thenReturn(Optional.of(served));
        when(budgets.levelForMiss(anyString(), anyBoolean())).thenReturn(BudgetLevel.OK);
        when(leases.grant(eq("default"), eq(KEY.value()), any(Duration.class))).thenReturn(new LeaseGrant(lease, null));

        leased.find("default", KEY, "", "", new LeaseAsk(Duration.ofMinutes(5), null), sink);

        assertThat(answers).containsExactly(new LookupAnswer.Hit(served));
        verify(leases).release("default", "lease-1");
        verify(lookups, never()).countMiss(anyString(), anyString(), anyString());
    }

    @Test
    void aMissWithNothingStoredMeanwhileKeepsItsLease() {
        Lease lease = new Lease("lease-1", "default", KEY.value(), NOW.plusSeconds(300));
        when(lookups.findWithLease("default", KEY, NOW)).thenReturn(read(Optional.empty(), false, null));
        when(lookups.find("default", KEY)).thenReturn(Optional.empty());
        when(budgets.levelForMiss(anyString(), anyBoolean())).thenReturn(BudgetLevel.OK);
        when(leases.grant(eq("default"), eq(KEY.value()), any(Duration.class))).thenReturn(new LeaseGrant(lease, null));

        leased.find("default", KEY, "", "", new LeaseAsk(Duration.ofMinutes(5), null), sink);

        assertThat(answers).containsExactly(new LookupAnswer.Miss(lease, null, BudgetLevel.OK));
        verify(leases, never()).release(anyString(), anyString());
        verify(lookups).countMiss("default", "", "");
    }

    @Test
    void aMissReportsTheLeaseItsOwnReadSawWithoutAskingAgain() {
        when(lookups.findWithLease("default", KEY, NOW))
                .thenReturn(read(Optional.empty(), true, new KeyRead.LiveLease("theirs", NOW.plusSeconds(30))));
        when(budgets.levelForMiss("default", false)).thenReturn(BudgetLevel.WARNING);

        leased.find("default", KEY, "", "", LeaseAsk.NONE, sink);

        assertThat(answers).containsExactly(new LookupAnswer.Miss(null, NOW.plusSeconds(30), BudgetLevel.WARNING));
        verify(leases, never()).live(anyString(), anyString());
        verify(lookups).countMiss("default", "", "");
    }

    @Test
    void aMissWhoseReadSawNoLeaseIsAPlainMiss() {
        when(lookups.findWithLease("default", KEY, NOW)).thenReturn(read(Optional.empty(), true, null));
        when(budgets.levelForMiss("default", false)).thenReturn(BudgetLevel.OK);

        leased.find("default", KEY, "", "", LeaseAsk.NONE, sink);

        assertThat(answers).containsExactly(new LookupAnswer.Miss(null, null, BudgetLevel.OK));
        verify(leases, never()).live(anyString(), anyString());
        verify(lookups, never()).find(anyString(), any(EntryKey.class)); // one snapshot: nothing to look at again
    }

    @Test
    void aMissWhoseReadCouldNotTellAsksTheLeases() {
        when(lookups.findWithLease("default", KEY, NOW)).thenReturn(read(Optional.empty(), false, null));
        when(leases.live("default", KEY.value())).thenReturn(Optional.of(new Lease("theirs", "default", KEY.value(), NOW.plusSeconds(30))));
        when(budgets.levelForMiss("default", false)).thenReturn(BudgetLevel.OK);

        leased.find("default", KEY, "", "", LeaseAsk.NONE, sink);

        assertThat(answers).containsExactly(new LookupAnswer.Miss(null, NOW.plusSeconds(30), BudgetLevel.OK));
    }

    @Test
    void aStoreThatEndsTheLeaseBetweenTheEntryAndTheLeaseReadsIsServedAsAHit() {
        StoredEntry stored = mock(StoredEntry.class);
        ServedEntry served = mock(ServedEntry.class);
        when(lookups.findWithLease("default", KEY, NOW)).thenReturn(read(Optional.empty(), false, null));
        when(leases.live("default", KEY.value())).thenReturn(Optional.empty());
        when(lookups.find("default", KEY)).thenReturn(Optional.of(stored));
        when(lookups.serveHit(stored)).thenReturn(Optional.of(served));
        when(budgets.levelForMiss("default", false)).thenReturn(BudgetLevel.OK);

        leased.find("default", KEY, "", "", new LeaseAsk(null, Duration.ofMinutes(1)), sink);

        assertThat(answers).containsExactly(new LookupAnswer.Hit(served));
        verify(lookups, never()).countMiss(anyString(), anyString(), anyString());
    }

    private static KeyRead read(Optional<StoredEntry> entry, boolean leaseRead, KeyRead.LiveLease lease) {
        return new KeyRead(entry, leaseRead, Optional.ofNullable(lease));
    }
}
