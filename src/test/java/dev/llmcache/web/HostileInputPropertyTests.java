package dev.llmcache.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.RawHttp;
import dev.llmcache.support.SqliteIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Properties of every answer to a hostile request, on one real server: never a 5xx; an error is
 * always a problem whose body states the status it was sent with; a refused request changes no
 * stored data (entries, statistics, ledger, budget). Small request limits make oversized bodies
 * cheap to send. A failure prints the smallest request found and the seed (QT_SEED=... reruns it;
 * {@code -Dhostile.tries=1500} searches longer than the suite's 300 and 200 tries);
 * each one found so far is a named test in {@link HttpEdgeIntegrationTests} or here.
 *
 * <p>Excluded from the generators until fixed in the packages that own them (see {@link HostileRequests}):
 * model and provider names with line breaks (issue 14 item 6, pricing), token counts above 10^12
 * (item 8, pricing and budget), and monthlyBudgetUsd amounts that round to $0 or overflow (budget).
 */
@SqliteIntegrationTest
@TestPropertySource(properties = {"cache.limits.max-request-bytes=64KB", "cache.limits.max-result-bytes=16KB"})
class HostileInputPropertyTests extends IntegrationTestSupport {

    private static final int TRIES = Integer.getInteger("hostile.tries", 300);
    private static final int TRIES_WITH_SNAPSHOTS = Integer.getInteger("hostile.tries", 200);

    @Test
    void anyRequestToAnyEndpointIsAnsweredWithoutA5xxAndErrorsAreProblems() {
        RawHttp http = new RawHttp(port);
        check(TRIES, new HostileRequests(namespace).anything(), request -> answerIsSound(request, send(http, request)));
    }

    @Test
    void anyJsonBodyAtAnyJsonEndpointIsAnsweredWithoutA5xxAndErrorsAreProblems() {
        RawHttp http = new RawHttp(port);
        check(TRIES, new HostileRequests(namespace).jsonBodies(), request -> answerIsSound(request, send(http, request)));
    }

    @Test
    void aRefusedStoreChangesNoStoredData() {
        RawHttp http = new RawHttp(port);
        api.post("/api/v1/entries", entry("kept before the property"));
        Snapshot[] last = {snapshot()};
        check(TRIES_WITH_SNAPSHOTS, new HostileRequests(namespace).stores(), request -> {
            RawHttp.Answer answer = send(http, request);
            answerIsSound(request, answer);
            Snapshot now = snapshot();
            if (answer.status() >= 400) {
                assertThat(now).as("stored data after the refused %s", request).isEqualTo(last[0]);
            }
            last[0] = now;
        });
    }

    @Test
    void aRefusedWriteOfAnyKindChangesNoStoredData() {
        RawHttp http = new RawHttp(port);
        api.post("/api/v1/entries", entry("kept before the property"));
        Snapshot[] last = {snapshot()};
        check(TRIES_WITH_SNAPSHOTS, new HostileRequests(namespace).jsonBodies(), request -> {
            RawHttp.Answer answer = send(http, request);
            answerIsSound(request, answer);
            Snapshot now = snapshot();
            // a lookup's miss (404) is an answer, and counted as a miss: only refusals must leave no trace
            if (answer.status() >= 400 && answer.status() != 404) {
                assertThat(now).as("stored data after the refused %s", request).isEqualTo(last[0]);
            }
            last[0] = now;
        });
    }

    private static void check(int tries, Gen<HostileRequests.Request> requests,
            java.util.function.Consumer<HostileRequests.Request> property) {
        qt().withExamples(tries).withShrinkCycles(200).forAll(requests.describedAs(HostileRequests.Request::toString))
                .checkAssert(property);
    }

    private RawHttp.Answer send(RawHttp http, HostileRequests.Request request) {
        return http.sendRaw(request.bytes(port), "HEAD".equals(request.method()));
    }

    private static void answerIsSound(HostileRequests.Request request, RawHttp.Answer answer) {
        assertThat(answer.status()).as("status for %s: %s", request, answer).isBetween(100, 499);
        if (answer.status() >= 400 && !"HEAD".equals(request.method())) {
            answer.isProblem();
        }
    }

    /** What a refused request must not change, read through the API (the figures that do not move by themselves). */
    private Snapshot snapshot() {
        JsonNode stats = read("/api/v1/stats");
        JsonNode budget = read("/api/v1/budget");
        List<String> entries = read("/api/v1/entries?limit=1000").get("items").valueStream()
                .map(item -> item.get("cacheKey").asString() + " " + item.get("storedBytes") + " " + item.get("costUsd")).sorted().toList();
        return new Snapshot(stats.get("totalEntries").asLong(), stats.get("totalTokens").asLong(), stats.get("estimatedCostUsd").decimalValue(),
                stats.get("hits").asLong(), stats.get("misses").asLong(), budget.get("spentUsd").decimalValue(),
                budget.get("monthlyBudgetUsd").decimalValue(), budget.get("warningThreshold").asDouble(),
                read("/api/v1/budget/history?months=2").toString(), entries);
    }

    private JsonNode read(String path) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as("GET %s after the request: %s", path, response).isEqualTo(200);
        return response.json();
    }

    record Snapshot(long entries, long tokens, java.math.BigDecimal cost, long hits, long misses, java.math.BigDecimal spent,
            java.math.BigDecimal budget, double warning, String history, List<String> listing) {
    }
}
