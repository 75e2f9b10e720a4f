package dev.llmcache.lease;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads that answer woken waiters: a wake-up looks the key up again (and may grant a lease),
 * which must not run on the thread of the store or the poll that woke it. Two threads serve any
 * number of waiters, since each answer is a read or two.
 */
@Configuration(proxyBeanMethods = false)
class LeaseConfiguration {

    static final String WAKEUPS = "leaseWakeups";

    @Bean(WAKEUPS)
    ThreadPoolTaskExecutor leaseWakeups() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setThreadNamePrefix("lease-wake-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
