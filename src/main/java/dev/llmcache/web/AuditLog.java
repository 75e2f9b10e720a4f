package dev.llmcache.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one INFO line per ADMIN action on the logger {@value #LOGGER}, saying who (the
 * token's name), in which namespace, what was asked and the outcome. Every value from a request is
 * escaped, so that a newline in a filter or a path cannot forge a line of its own. Security writes the
 * line of each {@link Audited} request; a feature whose action ends later (a migration) writes its end here.
 */
public final class AuditLog {

    public static final String LOGGER = "dev.llmcache.audit";
    private static final int MAX_VALUE_CHARS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private AuditLog() {
    }

    /**
     * Logs one action.
     *
     * @param who the caller's {@link Caller#displayName()}
     * @param namespace the namespace acted on, or null for all of them
     */
    public static void record(String action, String who, String namespace, String asked, String outcome) {
        log.info("action={} token={} namespace={} asked=\"{}\" outcome=\"{}\"", action, escape(who),
                namespace == null ? "*" : namespace, escape(asked), escape(outcome));
    }

    /**
     * The value on one line: control characters (CR, LF, tab, ...), line and paragraph separators,
     * quotes and backslashes written as escapes; cut at {@value #MAX_VALUE_CHARS} characters.
     */
    public static String escape(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder escaped = new StringBuilder(Math.min(value.length(), MAX_VALUE_CHARS) + 16);
        for (int i = 0; i < value.length(); i++) {
            if (escaped.length() >= MAX_VALUE_CHARS) {
                return escaped.append("...(").append(value.length()).append(" chars)").toString();
            }
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
