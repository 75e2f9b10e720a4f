package dev.llmcache.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a host name or address names this machine's loopback interface, without asking DNS. */
final class LoopbackHosts {

    // compiled once: String.matches compiles its pattern on every call, and this runs on every request without tokens
    private static final Pattern IPV4_CHARACTERS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-f:]+");

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
        if (!IPV4_CHARACTERS.matcher(name).matches() && !IPV6_CHARACTERS.matcher(name).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
