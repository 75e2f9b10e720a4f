package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmcache.web.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class AnonymousAccessCheckTests {

    private static final SecurityProperties NO_TOKENS = SecurityProperties.of(List.of(), false);

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
    void withoutTokensAnActuatorOnItsOwnPortMustBeOnLoopbackToo() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("management.server.port", "18499").withProperty("management.server.address", "0.0.0.0");
        assertThatThrownBy(() -> new AnonymousAccessCheck(NO_TOKENS, environment).afterPropertiesSet())
                .hasMessageContaining("0.0.0.0").hasMessageContaining("management.server.address");
        environment.setProperty("management.server.address", "127.0.0.1");
        assertThatCode(() -> new AnonymousAccessCheck(NO_TOKENS, environment).afterPropertiesSet()).doesNotThrowAnyException();
        MockEnvironment unbound = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("management.server.port", "18499");
        assertThatThrownBy(() -> new AnonymousAccessCheck(NO_TOKENS, unbound).afterPropertiesSet())
                .as("an actuator port without an address listens on all interfaces").hasMessageContaining("all interfaces");
    }

    @Test
    void aRefusedStartIsReportedAsWhatIsWrongAndWhatToDo() {
        Throwable refused = catchThrowable(() -> check(NO_TOKENS, "0.0.0.0").afterPropertiesSet());

        FailureAnalysis analysis = new AnonymousAccessFailureAnalyzer().analyze(new IllegalStateException("bean creation", refused));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo(
                "Refusing to serve without access tokens on 0.0.0.0: anyone could read, write and clear the cache.");
        assertThat(analysis.getAction()).contains("cache.security.tokens").contains("server.address=127.0.0.1")
                .contains("cache.security.allow-anonymous=true");
    }

    @Test
    void anonymousOnPurposeIsServedAnywhere() {
        assertThatCode(() -> check(SecurityProperties.of(List.of(), true), "0.0.0.0").afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void withTokensAnyAddressIsServed() {
        SecurityProperties tokens = SecurityProperties.of(List.of(new SecurityProperties.Token("ci", "a".repeat(64),
                Role.READ, List.of("*"))), false);
        assertThatCode(() -> check(tokens, "0.0.0.0").afterPropertiesSet()).doesNotThrowAnyException();
    }
}
