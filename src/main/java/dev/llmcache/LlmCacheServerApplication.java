package dev.llmcache;

import dev.llmcache.migration.MigrateCommand;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point of llm-cache-server: the HTTP server, or the offline {@code migrate} command. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class LlmCacheServerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("migrate")) {
            System.exit(MigrateCommand.run(Arrays.copyOfRange(args, 1, args.length),
                    LlmCacheServerApplication::startOffline, System.out, System.err));
        }
        StopOnSigterm.install(SpringApplication.run(LlmCacheServerApplication.class, args));
    }

    /**
     * The application without its web server, for offline commands: same configuration and database,
     * quiet logs (warnings and errors only, unless {@code --logging.level...} says otherwise) so that
     * they do not break the progress bar.
     */
    public static ConfigurableApplicationContext startOffline(String... args) {
        SpringApplication application = new SpringApplication(LlmCacheServerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of("logging.level.root", "warn", "logging.level.dev.llmcache", "warn"));
        return application.run(args);
    }
}
