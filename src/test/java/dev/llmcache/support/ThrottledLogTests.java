package dev.llmcache.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ThrottledLogTests {

    @Test
    void logsOncePerPeriodAndCountsWhatItHeldBack() throws Exception {
        Logger log = mock(Logger.class);
        ThrottledLog throttled = new ThrottledLog(log, Duration.ofMillis(200));

        for (int i = 0; i < 5; i++) {
            throttled.warn("database down on {}", "GET /x");
        }
        verify(log, times(1)).warn("database down on {}", new Object[] {"GET /x"});

        Thread.sleep(250);
        throttled.warn("database down on {}", "GET /y");
        verify(log).warn(eq("database down on {} (and {} more like it since the last report)"), any(Object[].class));
    }
}
