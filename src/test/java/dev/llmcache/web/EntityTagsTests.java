package dev.llmcache.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** If-None-Match as RFC 9110 reads it: weak comparison, lists, and the wildcard. */
class EntityTagsTests {

    private static final String ETAG = "\"0123456789abcdef0123456789abcdef\"";

    @Test
    void matchesTheCurrentTagAloneInAListWeakOrWildcard() {
        assertThat(EntityTags.matches(ETAG, ETAG)).isTrue();
        assertThat(EntityTags.matches("\"other\", " + ETAG, ETAG)).isTrue();
        assertThat(EntityTags.matches("W/" + ETAG, ETAG)).isTrue();
        assertThat(EntityTags.matches("*", ETAG)).isTrue();
    }

    @Test
    void doesNotMatchAbsentOtherOrUnquotedTags() {
        assertThat(EntityTags.matches(null, ETAG)).isFalse();
        assertThat(EntityTags.matches("\"other\"", ETAG)).isFalse();
        assertThat(EntityTags.matches("0123456789abcdef0123456789abcdef", ETAG)).isFalse();
    }
}
