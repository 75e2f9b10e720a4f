package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code cache.security.public-actuator=false}, health and metrics need an ADMIN token, as any route not listed. */
@SqliteIntegrationTest
@TestPropertySource(properties = {
        "cache.security.public-actuator=false",
        "cache.security.tokens[0].name=ci-reader",
        "cache.security.tokens[0].sha256=0328587016f9e316b9c31c94f944a2c453e1494a564062b5eab68039c75b58bf",
        "cache.security.tokens[0].role=READ",
        "cache.security.tokens[0].namespaces=team-a",
        "cache.security.tokens[1].name=ops",
        "cache.security.tokens[1].sha256=10a4c7c9fc5206d6f36dc6944a81bb6f4a3cb0e25014ae3b12e6c3e52712292a",
        "cache.security.tokens[1].role=ADMIN",
        "cache.security.tokens[1].namespaces=*"})
class PrivateActuatorIntegrationTests extends IntegrationTestSupport {

    @Test
    void healthAndMetricsNeedAnAdminTokenWhenTheActuatorIsNotPublic() {
        ApiClient anonymous = new ApiClient(port);
        ApiClient reader = new ApiClient(port).withHeaders("Authorization", "Bearer read-token");
        ApiClient admin = new ApiClient(port).withHeaders("Authorization", "Bearer admin-token");

        for (String path : new String[] {"/actuator/health", "/actuator/prometheus"}) {
            ApiClient.Response refused = anonymous.get(path);
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/unauthorized");
            assertThat(reader.get(path).status()).as(path + " with a READ token").isEqualTo(403);
            assertThat(admin.get(path).status()).as(path + " with an ADMIN token").isEqualTo(200);
        }
        assertThat(admin.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
    }
}
