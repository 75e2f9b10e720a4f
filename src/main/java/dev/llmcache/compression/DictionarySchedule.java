package dev.llmcache.compression;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link DictionaryJob} every {@code cache.compression.dictionary.interval} on a thread of
 * its own. Only the server runs it: the offline {@code migrate} command runs the job once at its end.
 */
@Component
@ConditionalOnWebApplication
class DictionarySchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DictionarySchedule.class);

    private final DictionaryJob job;
    private final Duration interval;
    private final boolean enabled;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> schedule;
    private volatile boolean running;

    DictionarySchedule(DictionaryJob job, DictionaryProperties properties,
            @Qualifier(DictionaryConfiguration.SCHEDULER) TaskScheduler scheduler) {
        this.job = job;
        this.interval = properties.interval();
        this.enabled = properties.enabled();
        this.scheduler = scheduler;
    }

    void runOnce() {
        try {
            job.runOnce();
        } catch (RuntimeException e) {
            // Never let it escape: the executor would cancel every later run.
            log.warn("Dictionary job failed, next attempt in {}: {}", interval, e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            log.info("zstd dictionaries are off (cache.compression.dictionary.enabled=false): frames that name one stay readable");
            return;
        }
        schedule = scheduler.scheduleWithFixedDelay(this::runOnce, scheduler.getClock().instant().plus(interval), interval);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledFuture<?> scheduled = schedule;
        schedule = null;
        if (scheduled != null) {
            scheduled.cancel(true); // a run in progress stops after its current batch
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
