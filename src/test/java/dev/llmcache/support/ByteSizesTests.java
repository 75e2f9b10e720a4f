package dev.llmcache.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizesTests {

    @Test
    void humanSizesUseBinaryUnits() {
        assertThat(ByteSizes.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSizes.format(1024)).isEqualTo("1.0 KiB");
        assertThat(ByteSizes.format(1_288_490_189L)).isEqualTo("1.2 GiB");
    }
}
