package dev.llmcache.support;

import java.util.regex.Pattern;

/**
 * Jackson's parse messages made fit for a person: the first line, without the tail that points into
 * a source the reader cannot see ("(start marker at [Source: REDACTED ...])") or names Java types
 * ("for `long`", "(bound as ...)"). Callers add the line and column themselves.
 */
public final class JacksonMessages {

    private static final Pattern JARGON = Pattern.compile("\\s*(\\(bound as|\\(start marker at|\\[Source:|for `|: not allowed).*$",
            Pattern.DOTALL);

    private JacksonMessages() {
    }

    /** The message's first line without Jackson's jargon; "unexpected input" when there is none. */
    public static String plain(String message) {
        if (message == null) {
            return "unexpected input";
        }
        int newline = message.indexOf('\n');
        String line = JARGON.matcher(newline < 0 ? message : message.substring(0, newline)).replaceFirst("").strip();
        return line.isEmpty() ? "unexpected input" : line;
    }
}
