package dev.llmcache.eviction;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The scheduled eviction's own thread, so that a long run never delays the shared scheduler's tasks. */
@Configuration(proxyBeanMethods = false)
class EvictionConfiguration {

    static final String SCHEDULER = "evictionScheduler";
    /** A run stops after its current batch; give it that long before the database closes. */
    private static final int STOP_WAIT_SECONDS = 30;

    @Bean(SCHEDULER)
    ThreadPoolTaskScheduler evictionScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("eviction-");
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
        return scheduler;
    }
}
