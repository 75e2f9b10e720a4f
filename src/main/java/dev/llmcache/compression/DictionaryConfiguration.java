package dev.llmcache.compression;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The dictionary job's own thread, so that a long re-compression never delays the shared scheduler's tasks. */
@Configuration(proxyBeanMethods = false)
class DictionaryConfiguration {

    static final String SCHEDULER = "dictionaryScheduler";
    /** A run stops after its current batch; give it that long before the database closes. */
    private static final int STOP_WAIT_SECONDS = 30;

    @Bean(SCHEDULER)
    ThreadPoolTaskScheduler dictionaryScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("dictionaries-");
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
        return scheduler;
    }
}
