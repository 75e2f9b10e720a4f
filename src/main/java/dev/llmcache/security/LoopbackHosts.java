package dev.llmcache.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Whether a host name or address names this machine's loopback interface, without asking DNS. */
final class LoopbackHosts {

    private LoopbackHosts() {
    }

    /** {@code localhost}, any 127.x.y.z or {@code ::1} (bracketed or not); a DNS name never. */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        // Only literal addresses are parsed: getByName would resolve a name through DNS.
        if (!name.matches("[0-9.]+") && !name.matches("[0-9a-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
