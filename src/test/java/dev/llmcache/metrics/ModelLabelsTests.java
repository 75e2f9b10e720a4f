package dev.llmcache.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelLabelsTests {

    @Test
    void theFirstModelsKeepTheirNameAndLaterOnesBecomeOther() {
        ModelLabels labels = new ModelLabels(new MetricsProperties(2, Duration.ofSeconds(5)));

        assertThat(List.of("a", "b", "c", "a", "d", "b").stream().map(labels::label))
                .containsExactly("a", "b", "other", "a", "other", "b");
    }

    @Test
    void zeroMaxModelsReportsEveryModelAsOther() {
        ModelLabels labels = new ModelLabels(new MetricsProperties(0, Duration.ofSeconds(5)));

        assertThat(labels.label("grok-beta")).isEqualTo("other");
    }

    @Test
    void concurrentNewModelsNeverExceedTheCap() {
        ModelLabels labels = new ModelLabels(new MetricsProperties(50, Duration.ofSeconds(5)));
        Set<String> seen = ConcurrentHashMap.newKeySet();

        IntStream.range(0, 10_000).parallel().forEach(i -> seen.add(labels.label("model-" + (i % 500))));

        assertThat(seen).hasSize(51).contains("other");
    }
}
