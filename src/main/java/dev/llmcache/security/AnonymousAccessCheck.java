package dev.llmcache.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without tokens on an address other than loopback, where anyone on the network
 * would be served as ADMIN, unless {@code cache.security.allow-anonymous=true} says so on purpose.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AnonymousAccessCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AnonymousAccessCheck.class);

    private final SecurityProperties properties;
    private final Environment environment;

    AnonymousAccessCheck(SecurityProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (!properties.tokens().isEmpty()) {
            return;
        }
        String address = environment.getProperty("server.address");
        if (isLoopback(address)) {
            log.info("No access tokens configured: serving everyone as ADMIN on loopback address {}", address);
            return;
        }
        if (!properties.allowAnonymous()) {
            throw new IllegalStateException("Refusing to serve without access tokens on " + (address == null ? "all interfaces" : address)
                    + ": anyone could read, write and clear the cache. Configure cache.security.tokens, bind to loopback "
                    + "(server.address=127.0.0.1), or set cache.security.allow-anonymous=true to serve anyone as ADMIN on purpose.");
        }
        log.warn("No access tokens configured and cache.security.allow-anonymous=true: serving everyone on {} as ADMIN",
                address == null ? "all interfaces" : address);
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
