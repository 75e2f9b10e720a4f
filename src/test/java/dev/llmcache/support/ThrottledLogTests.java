package dev.llmcache.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ThrottledLogTests {

    private final Logger log = mock(Logger.class);
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ThrottledLog throttled = new ThrottledLog(log, Duration.ofSeconds(30), nanos::get);

    @Test
    void logsOncePerPeriodAndCountsWhatItHeldBack() {
        for (int i = 0; i < 5; i++) {
            throttled.warn("database down on {}", "GET /x");
        }
        verify(log, times(1)).warn("database down on {}", new Object[] {"GET /x"});

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        throttled.warn("database down on {}", "GET /y");
        verify(log).warn(eq("database down on {} (and {} more like it since the last report)"), any(Object[].class));
    }

    @Test
    void saysOnceThatTheTroubleIsOverAndWarnsAtOnceWhenItComesBack() {
        throttled.recovered("works again");
        verify(log, never()).info(anyString(), any(Object[].class));

        throttled.warn("down");
        throttled.recovered("works again");
        throttled.recovered("works again");
        verify(log, times(1)).info("works again", new Object[0]);

        throttled.warn("down");
        verify(log, times(2)).warn("down", new Object[0]);
    }
}
