package dev.llmcache.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a host name or address names this machine's loopback interface, without asking DNS. */
final class LoopbackHosts {

    // Both compiled once (String.matches compiles on every call): the check runs on every request without tokens.
    /** A dotted quad, judged by its digits. */
    private static final Pattern IPV4_LITERAL = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    /** Hex digits and colons, at least one colon: the only form handed to getByName, in brackets. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f]*:[0-9a-f:]*");

    private LoopbackHosts() {
    }

    /** {@code localhost} and names under it, any 127.x.y.z, or {@code ::1} (bracketed or not); any other name never. */
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
        Matcher ipv4 = IPV4_LITERAL.matcher(name);
        if (ipv4.matches()) {
            return isLoopbackQuad(ipv4);
        }
        if (!IPV6_LITERAL.matcher(name).matches()) {
            return false; // any other name is refused unresolved: a DNS answer could make it 127.0.0.1
        }
        try {
            // in brackets getByName takes the host for an IPv6 literal only: parsed or refused, never looked up
            return InetAddress.getByName("[" + name + "]").isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** 127.0.0.0/8, each part a byte. */
    private static boolean isLoopbackQuad(Matcher quad) {
        for (int part = 1; part <= 4; part++) {
            if (Integer.parseInt(quad.group(part)) > 255) {
                return false;
            }
        }
        return Integer.parseInt(quad.group(1)) == 127;
    }
}
