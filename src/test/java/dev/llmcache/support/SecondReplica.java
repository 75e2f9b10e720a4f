package dev.llmcache.support;

import dev.llmcache.LlmCacheServerApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** A second server on the PostgreSQL schema of a test's own context, on a random port, with small pools. */
public final class SecondReplica {

    private SecondReplica() {
    }

    /** Starts it with the test context's database and data directory, and {@code more} arguments. */
    public static ConfigurableApplicationContext start(Environment environment, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--spring.main.allow-bean-definition-overriding=true",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.flyway.schemas=" + environment.getProperty("spring.flyway.schemas"),
                "--spring.flyway.default-schema=" + environment.getProperty("spring.flyway.default-schema"),
                "--spring.datasource.hikari.maximum-pool-size=4", "--spring.datasource.hikari.minimum-idle=1",
                "--cache.data-dir=" + environment.getProperty("cache.data-dir")));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(LlmCacheServerApplication.class, TestClockConfiguration.class)
                .run(args.toArray(String[]::new));
    }

    /** A client of its API in {@code namespace}. */
    public static ApiClient api(ConfigurableApplicationContext replica, String namespace) {
        return new ApiClient(Integer.parseInt(replica.getEnvironment().getProperty("local.server.port"))).inNamespace(namespace);
    }
}
