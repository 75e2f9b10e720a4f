package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.RawHttp;
import dev.llmcache.support.SqliteIntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without tokens, on loopback: everyone is ADMIN, but only for requests addressed to a loopback host. */
@SqliteIntegrationTest
class AnonymousModeIntegrationTests extends IntegrationTestSupport {

    private RawHttp.Answer budgetChangeAddressedTo(String host) {
        String body = "{\"monthlyBudgetUsd\": 7}";
        String request = "PUT /api/v1/budget HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                + "X-Cache-Namespace: " + namespace + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        return new RawHttp(port).sendRaw(request.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void aRequestForAnotherHostIsRefusedSoDnsRebindingCannotActAsAdmin() {
        RawHttp.Answer refused = budgetChangeAddressedTo("attacker.example");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("/problems/forbidden").contains("localhost");
        assertThat(budgetChangeAddressedTo("attacker.example:" + port).status()).isEqualTo(403);
        assertThat(budgetChangeAddressedTo("127.0.0.1.attacker.example").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/budget").json().get("monthlyBudgetUsd").asDouble()).isEqualTo(3.0);
    }

    @Test
    void loopbackHostsAreServedAsAdmin() {
        assertThat(budgetChangeAddressedTo("localhost:" + port).status()).isEqualTo(200);
        assertThat(budgetChangeAddressedTo("127.0.0.1:" + port).status()).isEqualTo(200);
        assertThat(budgetChangeAddressedTo("[::1]:" + port).status()).isEqualTo(200);
    }

    @Test
    void anEntryStoredAnonymouslyHasNoWriter() {
        assertThat(api.post("/api/v1/entries", entry("anonymous")).json().get("writtenBy").isNull()).isTrue();
    }
}
