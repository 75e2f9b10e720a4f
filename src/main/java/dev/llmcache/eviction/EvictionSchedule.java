package dev.llmcache.eviction;

import dev.llmcache.config.CacheProperties;
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
 * Enforces {@code cache.limits.max-stored-bytes}, {@code max-entries} and {@code idle-ttl} every
 * {@code cache.eviction.interval} with {@code cache.eviction.policy}; off when no limit is set.
 * Runs on a scheduler of its own ({@link EvictionConfiguration}), so a long run never delays the shared
 * scheduler's tasks (the access flush); a run that finds another in progress, here or on another replica, is skipped. Only the
 * server runs it: offline commands (migrate) start the application without a web server, and no
 * schedule.
 */
@Component
@ConditionalOnWebApplication
class EvictionSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EvictionSchedule.class);

    private final EvictionService service;
    private final EvictionLimits limits;
    private final Duration interval;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> schedule;
    private volatile boolean running;

    EvictionSchedule(EvictionService service, CacheProperties cache, EvictionProperties properties,
            @Qualifier(EvictionConfiguration.SCHEDULER) TaskScheduler scheduler) {
        this.service = service;
        this.scheduler = scheduler;
        this.limits = limits(cache.limits());
        this.interval = properties.interval();
    }

    static EvictionLimits limits(CacheProperties.Limits configured) {
        return new EvictionLimits(configured.maxStoredBytes() == null ? null : configured.maxStoredBytes().toBytes(),
                configured.maxEntries(), configured.idleTtl());
    }

    void runOnce() {
        try {
            service.evictOnSchedule(limits);
        } catch (RuntimeException e) {
            // Never let it escape: the executor would cancel every later run.
            log.warn("Scheduled eviction failed, next attempt in {}: {}", interval, e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
        if (limits.isEmpty()) {
            log.info("Scheduled eviction is off: set cache.limits.max-stored-bytes, cache.limits.max-entries or cache.limits.idle-ttl to enable it");
            return;
        }
        schedule = scheduler.scheduleWithFixedDelay(this::runOnce, scheduler.getClock().instant().plus(interval), interval);
        log.info("Scheduled eviction every {} by {} ({})", interval, service.scheduledPolicy(), limits.describe());
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
