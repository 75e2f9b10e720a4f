package dev.llmcache.lookup.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** If-None-Match as RFC 9110 reads it: weak comparison, lists, and the wildcard. */
class IfNoneMatchTests {

    private static final String ETAG = "\"0123456789abcdef0123456789abcdef\"";

    @Test
    void matchesTheCurrentTagAloneInAListWeakOrWildcard() {
        assertThat(LookupController.matches(ETAG, ETAG)).isTrue();
        assertThat(LookupController.matches("\"other\", " + ETAG, ETAG)).isTrue();
        assertThat(LookupController.matches("W/" + ETAG, ETAG)).isTrue();
        assertThat(LookupController.matches("*", ETAG)).isTrue();
    }

    @Test
    void doesNotMatchAbsentOtherOrUnquotedTags() {
        assertThat(LookupController.matches(null, ETAG)).isFalse();
        assertThat(LookupController.matches("\"other\"", ETAG)).isFalse();
        assertThat(LookupController.matches("0123456789abcdef0123456789abcdef", ETAG)).isFalse();
    }
}
