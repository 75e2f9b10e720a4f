package dev.llmcache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The scheduled job, with a short interval; on SQLite and PostgreSQL (ShedLock differs). */
@TestPropertySource(properties = {"cache.eviction.interval=PT0.2S", "cache.eviction.policy=OLDEST", "cache.limits.max-entries=3"})
abstract class EvictionScheduleScenarios extends EvictionTestSupport {

    private static final Pattern EVICTED = Pattern.compile("evicted (\\d+) entries");

    private final Logger logger = (Logger) LoggerFactory.getLogger(EvictionService.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(lines);
        logger.setLevel(null);
        logger.setAdditive(true);
    }

    @Test
    void theScheduleKeepsTheEntriesUnderTheLimitAndLogsOnlyRunsThatRemovedSomething() throws InterruptedException {
        JsonNode[] entries = new JsonNode[6];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = store("e" + i, 5000, small("e" + i));
            clock.advance(Duration.ofMinutes(1));
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (count() > 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(present(entries)).containsExactly(entries[3], entries[4], entries[5]);
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isEqualTo(3);

        Thread.sleep(1000); // several more runs, with nothing to do
        List<String> info = lines.list.stream().filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(info).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("Eviction by OLDEST (schedule; maxEntries=3)"));
        assertThat(info.stream().mapToLong(EvictionScheduleScenarios::evicted).sum()).isEqualTo(3);
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM entries").query(Long.class).single();
    }

    private static long evicted(String line) {
        Matcher matcher = EVICTED.matcher(line);
        assertThat(matcher.find()).as(line).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
