package dev.llmcache.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.llmcache.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.TaskScheduler;

/** Parked lookups: each answered once, by a wake, the poll, or the server stopping; never more than max-waiters. */
class LeaseWaitersTests {

    private static final String KEY = "a".repeat(64);

    private final MutableClock clock = new MutableClock();
    private final LeaseRepository repository = mock(LeaseRepository.class);
    private final LeaseWaiters waiters = new LeaseWaiters(repository,
            new LeaseProperties(2, Duration.ofMillis(500), Duration.ofMinutes(1)), mock(TaskScheduler.class), Runnable::run,
            clock, List.of());
    private final Lease held = new Lease("held", "ns", KEY, clock.instant().plusSeconds(300));
    private final List<String> answers = new ArrayList<>();

    @Test
    void aStoreHereWakesTheWaitersOfItsKeyOnce() {
        waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("first"));
        waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("second"));

        waiters.wake("ns", KEY);
        waiters.wake("ns", KEY);

        assertThat(answers).containsExactlyInAnyOrder("first: lease ended", "second: lease ended");
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void thePollAnswersWaitsThatRanOutOnTheServersClock() {
        when(repository.find(eq("ns"), anyList())).thenReturn(List.of(held));
        waiters.park("ns", held, clock.instant().plusSeconds(60), waiter("short"));
        waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("long"));

        waiters.poll();
        clock.advance(Duration.ofSeconds(60));
        waiters.poll();

        assertThat(answers).containsExactly("short: timed out, held until " + held.expiresAt());
        assertThat(waiters.waiting()).isEqualTo(1);
    }

    @Test
    void thePollWakesWaitersWhoseLeaseEndedOnAnotherReplicaOrExpired() {
        Lease other = new Lease("held", "ns", "b".repeat(64), clock.instant().plusSeconds(30));
        when(repository.find(eq("ns"), anyList())).thenReturn(List.of(other));
        waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("row gone"));
        waiters.park("ns", other, clock.instant().plusSeconds(600), waiter("row expires"));

        waiters.poll();
        assertThat(answers).containsExactly("row gone: lease ended");
        clock.advance(Duration.ofSeconds(30));
        waiters.poll();

        assertThat(answers).containsExactly("row gone: lease ended", "row expires: lease ended");
    }

    @Test
    void aLeaseThatEndedJustBeforeTheWaitRanOutIsReportedEndedNotHeld() {
        // the lease expires at 10 s, the wait runs out at 10.3 s, and the next poll comes at 10.5 s
        Lease shortLease = new Lease("short", "ns", KEY, clock.instant().plusSeconds(10));
        when(repository.find(eq("ns"), anyList())).thenReturn(List.of(shortLease));
        waiters.park("ns", shortLease, clock.instant().plusMillis(10_300), waiter("lease and wait"));
        clock.advance(Duration.ofMillis(10_500));

        waiters.poll();

        // woken to look again: it takes the lease over when it asked for one (API.md), instead of a
        // "wait ran out" naming a leaseHeldUntil already past
        assertThat(answers).containsExactly("lease and wait: lease ended");
    }

    @Test
    void beyondMaxWaitersAParkIsRefused() {
        waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("one"));
        waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("two"));

        assertThatThrownBy(() -> waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("three")))
                .isInstanceOf(TooManyWaitersException.class);
        assertThat(waiters.waiting()).isEqualTo(2);
    }

    @Test
    void stoppingAnswersEveryWaiterAndParksNoMore() {
        waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("one"));
        waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("two"));

        waiters.stop();

        assertThat(answers).containsExactlyInAnyOrder("one: timed out, held until " + held.expiresAt(),
                "two: timed out, held until " + held.expiresAt());
        assertThat(waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("late"))).isEmpty();
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void aCancelledWaiterIsNeverAnswered() {
        LeaseWaiters.Parked parked = waiters.park("ns", held, clock.instant().plusSeconds(600), waiter("gone")).orElseThrow();

        assertThat(waiters.cancel(parked)).isTrue();
        waiters.wake("ns", KEY);

        assertThat(answers).isEmpty();
        assertThat(waiters.cancel(parked)).isFalse();
    }

    private LeaseWaiters.Waiter waiter(String name) {
        return new LeaseWaiters.Waiter() {
            @Override
            public void leaseEnded() {
                answers.add(name + ": lease ended");
            }

            @Override
            public void timedOut(Instant heldUntil) {
                answers.add(name + ": timed out, held until " + heldUntil);
            }
        };
    }
}
