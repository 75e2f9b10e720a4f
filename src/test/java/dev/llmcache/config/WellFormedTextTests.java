package dev.llmcache.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WellFormedTextTests {

    @Test
    void pairedSurrogatesAndPlainTextAreWellFormed() {
        assertThat(WellFormedText.isWellFormed("")).isTrue();
        assertThat(WellFormedText.isWellFormed("src/main.rs")).isTrue();
        assertThat(WellFormedText.isWellFormed("grok \ud83d\ude00 ü")).isTrue();
    }

    @Test
    void aLoneHighOrLowSurrogateIsNot() {
        assertThat(WellFormedText.isWellFormed("a\ud800")).isFalse();
        assertThat(WellFormedText.isWellFormed("\ud800b")).isFalse();
        assertThat(WellFormedText.isWellFormed("\udc00")).isFalse();
        assertThat(WellFormedText.isWellFormed("\ude00\ud83d")).isFalse();
    }
}
