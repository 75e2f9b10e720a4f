package dev.llmcache;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point of llm-cache-server: the HTTP server, or the offline {@code migrate} command. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class LlmCacheServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LlmCacheServerApplication.class, args);
    }
}
