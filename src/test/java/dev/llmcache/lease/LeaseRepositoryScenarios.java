package dev.llmcache.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.storage.EmptyTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The leases table's statements, called directly on each database: one live lease per key, atomically. */
@Import(LeaseRepository.class)
abstract class LeaseRepositoryScenarios {

    private static final Instant NOW = Instant.parse("2026-11-21T08:15:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(10));
    private static final String KEY = "a".repeat(64);

    @Autowired
    LeaseRepository leases;

    @Autowired
    JdbcClient write;

    @BeforeEach
    void noLeases() {
        EmptyTables.empty(write);
    }

    @Test
    void aKeyWithALiveLeaseIsNotGrantedAgain() {
        assertThat(leases.grant("ns", KEY, "first", NOW, LATER)).map(g -> g.lease().id()).contains("first");

        assertThat(leases.grant("ns", KEY, "second", NOW.plusSeconds(1), LATER)).isEmpty();
        assertThat(leases.live("ns", KEY, NOW.plusSeconds(1))).map(Lease::id).contains("first");
    }

    @Test
    void theSameKeyInAnotherNamespaceIsAnotherLease() {
        leases.grant("ns", KEY, "first", NOW, LATER);

        assertThat(leases.grant("other", KEY, "second", NOW, LATER)).map(g -> g.lease().id()).contains("second");
    }

    @Test
    void anExpiredLeaseIsTakenOverInTheSameStatement() {
        leases.grant("ns", KEY, "first", NOW, NOW.plusSeconds(30));

        Optional<LeaseRepository.Granted> takeover = leases.grant("ns", KEY, "second", NOW.plusSeconds(30), LATER);

        assertThat(takeover).map(LeaseRepository.Granted::tookOverExpired).contains(true);
        assertThat(leases.live("ns", KEY, NOW.plusSeconds(31))).map(Lease::id).contains("second");
        assertThat(leases.release("ns", "first", NOW.plusSeconds(31))).isEmpty();
    }

    @Test
    void aReleaseEndsOnlyALiveLeaseOfItsNamespace() {
        leases.grant("ns", KEY, "first", NOW, LATER);

        assertThat(leases.release("other", "first", NOW)).isEmpty();
        assertThat(leases.release("ns", "first", NOW)).contains(KEY);
        assertThat(leases.release("ns", "first", NOW)).isEmpty();
        assertThat(leases.grant("ns", KEY, "second", NOW, LATER)).map(LeaseRepository.Granted::tookOverExpired).contains(false);
    }

    @Test
    void aStoreEndsTheLeaseAndSaysWhetherItWasLiveOrHadExpired() {
        leases.grant("ns", KEY, "first", NOW, NOW.plusSeconds(30));

        assertThat(leases.end("ns", KEY, NOW)).isEqualTo(LeaseRepository.Ended.LIVE);
        assertThat(leases.end("ns", KEY, NOW)).isEqualTo(LeaseRepository.Ended.NONE);
        leases.grant("ns", KEY, "second", NOW, NOW.plusSeconds(30));
        assertThat(leases.end("ns", KEY, NOW.plusSeconds(30))).isEqualTo(LeaseRepository.Ended.EXPIRED);
        assertThat(leases.live("ns", KEY, NOW)).isEmpty();
    }

    @Test
    void anImportEndsTheLeasesOfTheKeysItWroteInOneStatement() {
        String legacyKey = "c".repeat(32);
        leases.grant("ns", KEY, "live", NOW, NOW.plusSeconds(30));
        leases.grant("ns", legacyKey, "expired", NOW, NOW.plusSeconds(5));
        leases.grant("other", KEY, "another namespace", NOW, NOW.plusSeconds(30));

        assertThat(leases.endAll("ns", List.of(KEY, legacyKey, "d".repeat(64)), NOW.plusSeconds(10)))
                .containsOnly(Map.entry(KEY, LeaseRepository.Ended.LIVE), Map.entry(legacyKey, LeaseRepository.Ended.EXPIRED));
        assertThat(leases.find("ns", List.of(KEY, legacyKey))).isEmpty();
        assertThat(leases.live("other", KEY, NOW)).isPresent();
    }

    @Test
    void theSweepRemovesExpiredLeasesOnly() {
        leases.grant("ns", KEY, "expired", NOW, NOW.plusSeconds(30));
        leases.grant("other", KEY, "live", NOW, LATER);

        assertThat(leases.sweepExpired(NOW.plusSeconds(60))).containsExactly("ns");
        assertThat(leases.find("ns", List.of(KEY))).isEmpty();
        assertThat(leases.find("other", List.of(KEY, "b".repeat(64)))).extracting(Lease::id).containsExactly("live");
    }

    @Test
    void sixteenClientsAskingAtOnceGetOneLease() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> asks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String id = "client-" + i;
            asks.add(pool.submit((Callable<Boolean>) () -> {
                start.await();
                return leases.grant("ns", KEY, id, NOW, LATER).isPresent();
            }));
        }
        start.countDown();
        int granted = 0;
        for (Future<Boolean> ask : asks) {
            granted += ask.get(1, TimeUnit.MINUTES) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(granted).isEqualTo(1);
    }
}
