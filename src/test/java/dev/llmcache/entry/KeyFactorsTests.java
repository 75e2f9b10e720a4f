package dev.llmcache.entry;

import dev.llmcache.support.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyFactorsTests {

    private static final String MAIN_RS_HASH = "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297";

    @Test
    void fileHashIsSha256OfTheUtf8Content() {
        assertThat(Sha256.hex("fn main() {}")).isEqualTo(MAIN_RS_HASH);
    }

    @Test
    void keyOfRefactorOnGrokBetaMatchesTheContractVector() {
        assertThat(new KeyFactors("refactor", "grok-beta", MAIN_RS_HASH, "", 1).cacheKey())
                .isEqualTo("418d86e733a8407ab60d27c56874b2ea50d8d0ae60b16c1382c0fe145fa837d7");
    }

    @Test
    void keyOfDocsOnClaudeWithPromptAndSchemaTwoMatchesTheContractVector() {
        assertThat(new KeyFactors("docs", "claude-3-5-sonnet", MAIN_RS_HASH, "9f2c1a7be0d34c55", 2).cacheKey())
                .isEqualTo("8e4d849c0ace595bb1264b03351dbfe3fa2c723adbd102580fcf097054393b13");
    }

    @Test
    void everyFactorChangesTheKey() {
        String base = new KeyFactors("refactor", "grok-beta", MAIN_RS_HASH, "", 1).cacheKey();
        assertThat(new KeyFactors("docs", "grok-beta", MAIN_RS_HASH, "", 1).cacheKey()).isNotEqualTo(base);
        assertThat(new KeyFactors("refactor", "grok-2", MAIN_RS_HASH, "", 1).cacheKey()).isNotEqualTo(base);
        assertThat(new KeyFactors("refactor", "grok-beta", Sha256.hex("x"), "", 1).cacheKey()).isNotEqualTo(base);
        assertThat(new KeyFactors("refactor", "grok-beta", MAIN_RS_HASH, "p", 1).cacheKey()).isNotEqualTo(base);
        assertThat(new KeyFactors("refactor", "grok-beta", MAIN_RS_HASH, "", 2).cacheKey()).isNotEqualTo(base);
    }

    @Test
    void pathKeysAre64Or32LowercaseHex() {
        assertThat(EntryKey.isValid("418d86e733a8407ab60d27c56874b2ea50d8d0ae60b16c1382c0fe145fa837d7")).isTrue();
        assertThat(EntryKey.isValid("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(EntryKey.isValid("418D86E733A8407AB60D27C56874B2EA50D8D0AE60B16C1382C0FE145FA837D7")).isFalse();
        assertThat(EntryKey.isValid("418d86e7")).isFalse();
        assertThat(EntryKey.isValid("g18d86e733a8407ab60d27c56874b2ea50d8d0ae60b16c1382c0fe145fa837d7")).isFalse();
        assertThat(EntryKey.isValid(null)).isFalse();
    }
}
