package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.Sha256;
import dev.llmcache.web.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenMatcherTests {

    private static SecurityProperties.Token token(String name, String secret) {
        return new SecurityProperties.Token(name, Sha256.hex(secret), Role.READ, List.of("*"));
    }

    @Test
    void aPresentedTokenIsFoundByItsHash() {
        TokenMatcher matcher = new TokenMatcher(List.of(token("a", "secret-a"), token("b", "secret-b")));
        assertThat(matcher.match("secret-b")).map(SecurityProperties.Token::name).contains("b");
        assertThat(matcher.match("secret-a")).map(SecurityProperties.Token::name).contains("a");
    }

    /**
     * No early exit: with two tokens of the same hash the last one is found, which a loop that stopped at the
     * first match (and so took less time the earlier the match) could not answer.
     */
    @Test
    void everyHashIsComparedEvenAfterAMatch() {
        TokenMatcher matcher = new TokenMatcher(List.of(token("first", "shared"), token("second", "other"),
                token("last", "shared")));
        assertThat(matcher.match("shared")).map(SecurityProperties.Token::name).contains("last");
    }

    @Test
    void anUnknownOrEmptyTokenMatchesNothing() {
        TokenMatcher matcher = new TokenMatcher(List.of(token("a", "secret-a")));
        assertThat(matcher.match("secret-")).isEmpty();
        assertThat(matcher.match("")).isEmpty();
        // The hash of a token is not a token: presenting the configured hash must not match.
        assertThat(matcher.match(Sha256.hex("secret-a"))).isEmpty();
    }
}
