package dev.llmcache.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditLogTests {

    @Test
    void controlCharactersLineSeparatorsAndQuotesAreEscaped() {
        assertThat(AuditLog.escape("a\nb\r\nc\td\"e\\f\u2028g\u0000h\u001bi"))
                .isEqualTo("a\\nb\\r\\nc\\td\\\"e\\\\f\\u2028g\\u0000h\\u001bi")
                .doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void longValuesAreCutAndSaySo() {
        assertThat(AuditLog.escape("x".repeat(5_000))).hasSizeLessThan(1_100).endsWith("...(5000 chars)");
    }

    @Test
    void nullIsWrittenAsNull() {
        assertThat(AuditLog.escape(null)).isEqualTo("null");
    }
}
