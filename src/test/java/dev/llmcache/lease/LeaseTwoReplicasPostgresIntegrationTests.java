package dev.llmcache.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.PostgresIntegrationTest;
import dev.llmcache.support.SecondReplica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

/**
 * Two servers on one PostgreSQL database (this test's context and a second one started on the same
 * schema), twenty clients split between them: one LLM call. Waiters on the replica that did not see
 * the store learn of it by the poll of the lease table, on its schedule. Budget enforcement is on in
 * both, and each sees the other's spend and budget from its next miss on.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = "cache.budget.enforce=true")
class LeaseTwoReplicasPostgresIntegrationTests extends IntegrationTestSupport {

    private static final SecondReplica OTHER = new SecondReplica("--cache.budget.enforce=true");

    @Autowired
    Environment environment;

    @Autowired
    LeaseWaiters waiters;

    private ApiClient otherApi;
    private LeaseWaiters otherWaiters;
    private final ExecutorService pool = Executors.newFixedThreadPool(LeaseScenarios.CLIENTS);

    @BeforeEach
    void secondReplicaOnTheSameDatabase() {
        otherApi = OTHER.ready(environment, namespace);
        otherWaiters = OTHER.bean(LeaseWaiters.class);
    }

    @AfterEach
    void stopClients() {
        pool.shutdownNow();
    }

    @AfterAll
    static void stopSecondReplica() {
        OTHER.close();
    }

    @Test
    void twentyClientsOnTwoReplicasMakeOneLlmCall() throws Exception {
        String content = "replicas " + namespace;
        List<Future<ApiClient.Response>> lookups = lookUpOnBothReplicas(content);
        ApiClient.Response holder = theOneAnsweredWhileTheOthersWait(lookups, LeaseScenarios.CLIENTS - 1);
        assertThat(holder.header("Cache-Lease")).isNotBlank();

        assertThat(api.post("/api/v1/entries", entry(content), "Cache-Lease", holder.header("Cache-Lease")).status())
                .isEqualTo(201);

        for (Future<ApiClient.Response> waiter : LeaseScenarios.others(lookups, holder)) {
            assertThat(waiter.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(otherApi.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(1);
    }

    @Test
    void aLeaseReleasedOnOneReplicaIsTakenOverByOneWaiterOfEither() throws Exception {
        String content = "released " + namespace;
        List<Future<ApiClient.Response>> lookups = lookUpOnBothReplicas(content);
        ApiClient.Response gaveUp = theOneAnsweredWhileTheOthersWait(lookups, LeaseScenarios.CLIENTS - 1);

        assertThat(otherApi.delete("/api/v1/leases/" + gaveUp.header("Cache-Lease")).status()).isEqualTo(204);

        List<Future<ApiClient.Response>> rest = LeaseScenarios.others(lookups, gaveUp);
        ApiClient.Response takeover = theOneAnsweredWhileTheOthersWait(rest, LeaseScenarios.CLIENTS - 2);
        assertThat(takeover.status()).isEqualTo(404);
        assertThat(takeover.header("Cache-Lease")).isNotBlank();
        assertThat(api.post("/api/v1/entries", entry(content), "Cache-Lease", takeover.header("Cache-Lease")).status())
                .isEqualTo(201);
        for (Future<ApiClient.Response> waiter : LeaseScenarios.others(rest, takeover)) {
            assertThat(waiter.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/budget/history").json().get(0).get("writes").asLong()).isEqualTo(1);
    }

    @Test
    void aBudgetExceededThroughOneReplicaRefusesTheOthersNextLease() {
        // the other replica has just read the namespace's level for a miss (and its clock stands still)
        ApiClient.Response before = otherApi.get("/api/v1/entries/" + LeaseScenarios.key("first " + namespace));
        assertThat(before.header("Cache-Budget-Status")).isEqualTo("OK");

        assertThat(api.post("/api/v1/entries", entry("paid " + namespace)).status()).isEqualTo(201); // $0.05
        assertThat(api.put("/api/v1/budget", Map.of("monthlyBudgetUsd", 0.04)).status()).isEqualTo(200);
        ApiClient.Response refused = otherApi.get("/api/v1/entries/" + LeaseScenarios.key("next " + namespace) + "?lease=PT5M");

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.header("Cache-Budget-Status")).isEqualTo("EXCEEDED");
        assertThat(refused.header("Cache-Lease")).isNull();
    }

    private List<Future<ApiClient.Response>> lookUpOnBothReplicas(String content) {
        String path = "/api/v1/entries/" + LeaseScenarios.key(content) + "?lease=PT5M&wait=PT10M";
        List<Future<ApiClient.Response>> lookups = new ArrayList<>();
        for (int i = 0; i < LeaseScenarios.CLIENTS; i++) {
            ApiClient client = i % 2 == 0 ? api : otherApi;
            lookups.add(pool.submit(() -> client.get(path)));
        }
        return lookups;
    }

    private ApiClient.Response theOneAnsweredWhileTheOthersWait(List<Future<ApiClient.Response>> lookups, int parked) {
        await().atMost(Duration.ofSeconds(30)).until(() -> waiters.waiting() + otherWaiters.waiting() == parked
                && lookups.stream().filter(Future::isDone).count() == 1);
        return lookups.stream().filter(Future::isDone).map(LeaseScenarios::result).findFirst().orElseThrow();
    }
}
