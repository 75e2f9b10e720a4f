package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loops that check cache types and SHA-256s agree with the contract's regular expressions. */
class PatternsTests {

    private static final String ALPHABET = "abcfgxyz0189_-AFZ é.:/ \t\n";

    @Test
    void cacheTypesAreCheckedAsTheirRegularExpressionSays() {
        Pattern regex = Pattern.compile(Patterns.CACHE_TYPE);
        List<String> texts = new ArrayList<>(List.of("", "a", "z", "refactor", "code_review-2", "a" + "b".repeat(31),
                "a" + "b".repeat(32), "1abc", "_abc", "-abc", "Refactor", "ref actor", "refactor\n", "ré"));
        texts.addAll(random(20_000, 34, new Random(11)));

        for (String text : texts) {
            assertThat(Patterns.isCacheType(text)).as("%s", text).isEqualTo(regex.matcher(text).matches());
        }
        assertThat(texts.stream().filter(Patterns::isCacheType).count()).isGreaterThan(100);
    }

    @Test
    void sha256sAreCheckedAsTheirRegularExpressionSays() {
        Pattern regex = Pattern.compile(Patterns.SHA256);
        String valid = "ef32637cb9c3ec2e3968c9cbdf26a5e9c172be94f88af533e14bd43f892d5297";
        List<String> texts = new ArrayList<>(List.of("", valid, valid.substring(1), valid + "0", valid.toUpperCase(),
                valid.replace('e', 'g'), valid.substring(0, 63) + "\n", "0".repeat(64), "f".repeat(64)));
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            char[] hex = valid.toCharArray();
            hex[random.nextInt(64)] = "0123456789abcdefgAF/:`@G ".charAt(random.nextInt(25));
            texts.add(new String(hex));
        }

        for (String text : texts) {
            assertThat(Patterns.isSha256(text)).as("%s", text).isEqualTo(regex.matcher(text).matches());
        }
        assertThat(texts.stream().filter(Patterns::isSha256).count()).isGreaterThan(1000);
    }

    private static List<String> random(int count, int maxLength, Random random) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            // mostly lowercase letters, so that many are valid and the others fail at one character
            for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
                text.append(random.nextInt(4) > 0 ? (char) ('a' + random.nextInt(26)) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
