package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AnonymousAccessCheckTests {

    private static final SecurityProperties NO_TOKENS = new SecurityProperties(List.of(), false, true);

    private static AnonymousAccessCheck check(SecurityProperties properties, String address) {
        MockEnvironment environment = new MockEnvironment();
        if (address != null) {
            environment.setProperty("server.address", address);
        }
        return new AnonymousAccessCheck(properties, environment);
    }

    @Test
    void withoutTokensLoopbackIsServed() {
        assertThatCode(() -> check(NO_TOKENS, "127.0.0.1").afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> check(NO_TOKENS, "::1").afterPropertiesSet()).doesNotThrowAnyException();
    }

    @Test
    void withoutTokensAnyOtherAddressRefusesToStart() {
        assertThatThrownBy(() -> check(NO_TOKENS, "0.0.0.0").afterPropertiesSet())
                .hasMessageContaining("cache.security.allow-anonymous=true").hasMessageContaining("cache.security.tokens");
        assertThatThrownBy(() -> check(NO_TOKENS, null).afterPropertiesSet()).hasMessageContaining("all interfaces");
    }

    @Test
    void anonymousOnPurposeIsServedAnywhere() {
        assertThatCode(() -> check(new SecurityProperties(List.of(), true, true), "0.0.0.0").afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void withTokensAnyAddressIsServed() {
        SecurityProperties tokens = new SecurityProperties(List.of(new SecurityProperties.Token("ci", "a".repeat(64),
                Role.READ, List.of("*"))), false, true);
        assertThatCode(() -> check(tokens, "0.0.0.0").afterPropertiesSet()).doesNotThrowAnyException();
    }
}
