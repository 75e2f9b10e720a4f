package dev.llmcache.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Sha256Tests {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.UTF_8);

    @Test
    void hexIsTheKnownDigestOfAbc() {
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theDigestStartsWithItsOwnFirstBytes() {
        byte[] digest = Hex.bytes(Sha256.hex(ABC));

        assertThat(Sha256.startsWith(ABC, Arrays.copyOf(digest, 16))).isTrue();
        assertThat(Sha256.startsWith(ABC, digest)).isTrue();
    }

    @Test
    void aPrefixWithOneByteChangedOrLongerThanTheDigestDoesNotMatch() {
        byte[] prefix = Arrays.copyOf(Hex.bytes(Sha256.hex(ABC)), 16);
        prefix[15] ^= 1;

        assertThat(Sha256.startsWith(ABC, prefix)).isFalse();
        assertThat(Sha256.startsWith(ABC, Arrays.copyOf(Hex.bytes(Sha256.hex(ABC)), 33))).isFalse();
    }

    @Test
    void anEtagIsExactlyTheDigestsFirstSixteenBytes() {
        byte[] digest = Hex.bytes(Sha256.hex(ABC));

        assertThat(Sha256.isEtagOf(Arrays.copyOf(digest, 16), ABC)).isTrue();
        assertThat(Sha256.isEtagOf(Arrays.copyOf(digest, 4), ABC)).as("cut short: damage").isFalse();
        assertThat(Sha256.isEtagOf(digest, ABC)).as("the whole digest is not how ETags are stored").isFalse();
    }
}
