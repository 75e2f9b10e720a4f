package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A key in a path is 64 or 32 lowercase hex characters, nothing else. */
class EntryKeyTests {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}|[0-9a-f]{32}");

    @Test
    void keysAreValidExactlyWhenTheyAre64Or32LowercaseHexCharacters() {
        String hex = "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297";
        List<String> keys = new ArrayList<>(List.of("", hex, hex.substring(32), hex.substring(31), hex.substring(1),
                hex + "0", hex.toUpperCase(), hex.substring(32).toUpperCase(), "not-a-key"));
        Random random = new Random(13);
        for (int i = 0; i < 10_000; i++) {
            char[] key = (random.nextBoolean() ? hex : hex.substring(32)).toCharArray();
            key[random.nextInt(key.length)] = "0123456789abcdefgAF/:`@G ".charAt(random.nextInt(25));
            keys.add(new String(key));
        }

        for (String key : keys) {
            assertThat(EntryKey.isValid(key)).as("%s", key).isEqualTo(KEY.matcher(key).matches());
        }
        assertThat(EntryKey.isValid(null)).isFalse();
        assertThat(keys.stream().filter(EntryKey::isValid).count()).isGreaterThan(1000);
    }
}
