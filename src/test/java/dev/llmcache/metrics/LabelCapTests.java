package dev.llmcache.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LabelCapTests {

    @Test
    void theFirstValuesKeepTheirNameAndLaterOnesBecomeOther() {
        LabelCap labels = new LabelCap("model", "cache.metrics.max-models", 2);

        assertThat(List.of("a", "b", "c", "a", "d", "b").stream().map(labels::label))
                .containsExactly("a", "b", "other", "a", "other", "b");
    }

    @Test
    void aCapOfZeroReportsEveryValueAsOther() {
        LabelCap labels = new LabelCap("model", "cache.metrics.max-models", 0);

        assertThat(labels.label("grok-beta")).isEqualTo("other");
    }

    @Test
    void concurrentNewValuesNeverExceedTheCap() {
        LabelCap labels = new LabelCap("model", "cache.metrics.max-models", 50);
        Set<String> seen = ConcurrentHashMap.newKeySet();

        IntStream.range(0, 10_000).parallel().forEach(i -> seen.add(labels.label("model-" + (i % 500))));

        assertThat(seen).hasSize(51).contains("other");
    }

    @Test
    void reachingTheCapIsLoggedOnceAtWarn(CapturedOutput output) {
        LabelCap labels = new LabelCap("namespace", "cache.metrics.max-namespaces", 1);
        labels.label("team-a");
        assertThat(output).doesNotContain("reached its cap");

        labels.label("team-b");
        labels.label("team-c");

        assertThat(output.toString().lines().filter(line -> line.contains("reached its cap")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("WARN").contains("namespace").contains("cache.metrics.max-namespaces"));
    }
}
