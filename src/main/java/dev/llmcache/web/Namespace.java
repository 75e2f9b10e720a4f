package dev.llmcache.web;

import java.util.regex.Pattern;

/**
 * The namespace a request works in, from the {@code X-Cache-Namespace} header; every entry,
 * statistic, ledger row and budget belongs to exactly one.
 */
public record Namespace(String value) {

    public static final String HEADER = "X-Cache-Namespace";
    public static final String DEFAULT = "default";
    public static final String PATTERN = "^[a-z0-9][a-z0-9_-]{0,63}$";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    public Namespace {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidRequestException(HEADER,
                    "must be 1 to 64 lowercase letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    /** The namespace named by a header value; absent means {@value #DEFAULT}. */
    public static Namespace fromHeader(String header) {
        return new Namespace(header == null ? DEFAULT : header);
    }

    @Override
    public String toString() {
        return value;
    }
}
