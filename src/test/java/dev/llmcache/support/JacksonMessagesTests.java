package dev.llmcache.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JacksonMessagesTests {

    @Test
    void keepsTheFirstLineWithoutPointersIntoTheSource() {
        assertThat(JacksonMessages.plain("Unexpected end-of-input: expected close marker for Object (start marker at [Source: "
                + "REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #UNKNOWN])"))
                .isEqualTo("Unexpected end-of-input: expected close marker for Object");
        assertThat(JacksonMessages.plain("Unexpected character ('}' (code 125)): expected a value\n at [Source: REDACTED]"))
                .isEqualTo("Unexpected character ('}' (code 125)): expected a value");
        assertThat(JacksonMessages.plain("Numeric value (99) out of range of int (bound as `Integer`)"))
                .isEqualTo("Numeric value (99) out of range of int");
    }

    @Test
    void saysSomethingWhenJacksonSaysNothing() {
        assertThat(JacksonMessages.plain(null)).isEqualTo("unexpected input");
        assertThat(JacksonMessages.plain(" (start marker at [Source: x])")).isEqualTo("unexpected input");
    }
}
