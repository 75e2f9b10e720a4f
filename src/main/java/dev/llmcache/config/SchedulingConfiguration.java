package dev.llmcache.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler that runs the server's short periodic work: the access flush, the gauges' refresh,
 * migration heartbeats and event streams, and the eviction lock's keep-alive. Long work has
 * executors of its own (eviction and migration declare theirs), so it never delays these. Every
 * executor is a bean, shut down by the context.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    /** Enough threads that one task waiting on a busy database does not hold up the others. */
    static final int THREADS = 4;

    /** The default: what takes a plain {@code TaskScheduler} gets this one (eviction asks for its own by name). */
    @Bean
    @Primary
    ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(THREADS);
        scheduler.setThreadNamePrefix("scheduler-");
        scheduler.setRemoveOnCancelPolicy(true);
        // The work itself is flushed by its owner on stop (the access flush writes on the stopping thread).
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }
}
