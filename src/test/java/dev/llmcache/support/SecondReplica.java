package dev.llmcache.support;

import dev.llmcache.LlmCacheServerApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A second server on the PostgreSQL schema of a test class's own context, on a random port, with small pools:
 * started by the first test that needs it, its clock set back before each, closed after the class.
 */
public final class SecondReplica implements AutoCloseable {

    private final String[] more;
    private ConfigurableApplicationContext context;

    /** @param more arguments beside the test context's database and data directory */
    public SecondReplica(String... more) {
        this.more = more;
    }

    /** Starts it on the first call, sets its clock back to {@link MutableClock#START}, and answers a client of its API in {@code namespace}. */
    public ApiClient ready(Environment environment, String namespace) {
        if (context == null) {
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=0", "--spring.main.allow-bean-definition-overriding=true",
                    "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                    "--spring.flyway.schemas=" + environment.getProperty("spring.flyway.schemas"),
                    "--spring.flyway.default-schema=" + environment.getProperty("spring.flyway.default-schema"),
                    "--spring.datasource.hikari.maximum-pool-size=4", "--spring.datasource.hikari.minimum-idle=1",
                    "--cache.data-dir=" + environment.getProperty("cache.data-dir")));
            args.addAll(List.of(more));
            context = new SpringApplicationBuilder(LlmCacheServerApplication.class, TestClockConfiguration.class)
                    .run(args.toArray(String[]::new));
        }
        context.getBean(MutableClock.class).set(MutableClock.START);
        return new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port"))).inNamespace(namespace);
    }

    /** One of its beans. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
