package dev.llmcache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * A SIGTERM (systemd, Docker, Kubernetes, {@code kill}, or a stopped {@code ./mvnw spring-boot:run})
 * is the normal way to stop the server: it closes the application gracefully (requests in flight
 * finish, hit counts are flushed) and exits with status 0, rather than the JVM's 143 that tools
 * such as Maven report as a failure.
 */
final class StopOnSigterm {

    private static final Logger log = LoggerFactory.getLogger(StopOnSigterm.class);

    private StopOnSigterm() {
    }

    static void install(ConfigurableApplicationContext context) {
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                log.info("SIGTERM: stopping gracefully");
                context.close();
                System.exit(0);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException notOnThisPlatform) {
            // no SIGTERM here (Windows): the JVM's own shutdown hook still closes the context
        }
    }
}
