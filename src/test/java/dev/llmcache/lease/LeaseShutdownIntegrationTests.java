package dev.llmcache.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmcache.LlmCacheServerApplication;
import dev.llmcache.support.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A server that stops answers its waiting lookups (404 with leaseHeldUntil) rather than dropping them. */
class LeaseShutdownIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void stoppingAnswersWaitingLookupsWith404AndLeaseHeldUntil() throws Exception {
        ConfigurableApplicationContext server = new SpringApplicationBuilder(LlmCacheServerApplication.class)
                .run("--server.port=0", "--cache.data-dir=" + Files.createDirectories(dataDir.resolve("data")));
        ApiClient api = new ApiClient(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
        String path = "/api/v1/entries/" + LeaseScenarios.key("shutdown");
        ApiClient.Response holder = api.get(path + "?lease=PT5M");
        CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(() -> api.get(path + "?wait=PT10M"));
        await().atMost(Duration.ofSeconds(20)).until(() -> server.getBean(LeaseWaiters.class).waiting() == 1);

        server.close();

        ApiClient.Response answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("leaseHeldUntil").asString()).isEqualTo(holder.header("Cache-Lease-Expires"));
        assertThat(answer.header("Retry-After")).isNotBlank();
    }
}
