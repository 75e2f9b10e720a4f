package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which {@code Host} names the loopback interface, judged without asking DNS. */
class LoopbackHostsTests {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]",
            "0:0:0:0:0:0:0:1"})
    void loopbackNamesAndAddressesAreLoopback(String host) {
        assertThat(LoopbackHosts.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "attacker.example", "127.0.0.1.attacker.example", "localhost.example", "10.0.0.1",
            "::2", "[fe80::1]", "1.2.3.4.5", "127.0.0.1:8080", "127.0.0.256", "127.1", "[::1", "::ffff:127.0.0.1",
            "dead:beef", "dead:beef:x",
            // names of hex digits alone, which getByName looks up in DNS
            "cafe", "beef"})
    void otherNamesAndAddressesAreNot(String host) {
        assertThat(LoopbackHosts.isLoopback(host)).isFalse();
    }
}
