package dev.llmcache.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without tokens on an address other than loopback, where anyone on the network
 * would be served as ADMIN, unless {@code cache.security.allow-anonymous=true} says so on purpose.
 * Every listening address counts: the server's, and the actuator's when it has a port of its own.
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
            log.info("{} access token(s) configured ({}): anonymous access is off", properties.tokens().size(),
                    String.join(", ", properties.tokens().stream().map(SecurityProperties.Token::name).toList()));
            return;
        }
        List<String> exposed = new ArrayList<>();
        List<String> listening = listeningAddresses();
        for (String address : listening) {
            if (!isLoopback(address)) {
                exposed.add(address == null ? "all interfaces" : address);
            }
        }
        if (exposed.isEmpty()) {
            log.info("No access tokens configured: serving everyone as ADMIN on loopback address {}", String.join(", ", listening));
            return;
        }
        if (!properties.allowAnonymous()) {
            throw AnonymousAccessRefusedException.on(String.join(" and ", exposed));
        }
        log.warn("No access tokens configured and cache.security.allow-anonymous=true: serving everyone on {} as ADMIN",
                String.join(" and ", exposed));
    }

    /** server.address, and management.server.address when the actuator listens on a port of its own (null: all). */
    private List<String> listeningAddresses() {
        List<String> addresses = new ArrayList<>();
        addresses.add(environment.getProperty("server.address"));
        String managementPort = environment.getProperty("management.server.port");
        boolean ownPort = managementPort != null && !managementPort.isBlank() && !managementPort.trim().equals("-1")
                && !managementPort.trim().equals(environment.getProperty("server.port", "8080").trim());
        if (ownPort) {
            addresses.add(environment.getProperty("management.server.address"));
        }
        return addresses;
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
