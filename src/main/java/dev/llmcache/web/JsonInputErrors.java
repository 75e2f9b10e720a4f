package dev.llmcache.web;

import dev.llmcache.config.WellFormedText;
import dev.llmcache.support.JacksonMessages;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns Jackson's parse failures into a sentence, and into the offending field when there is one. */
final class JsonInputErrors {

    /** A failure described: the field (null when the JSON itself is broken) and the message. */
    record Described(String field, String message) {
    }

    private JsonInputErrors() {
    }

    static Described describe(HttpMessageNotReadableException e) {
        JacksonException jackson = find(e);
        if (jackson == null) {
            return new Described(null, "The request body is missing or unreadable; send a JSON object.");
        }
        return describe(jackson);
    }

    /** A Jackson failure described. */
    static Described describe(JacksonException jackson) {
        String field = path(jackson.getPath());
        if (jackson instanceof StreamReadException && !(jackson instanceof InputCoercionException)) {
            // Duplicate keys land here too: the line and column (and the field, when known) say where.
            return new Described(null, "The request body is not valid JSON" + at(jackson.getLocation())
                    + (field == null ? "" : " (in " + field + ")") + ": " + JacksonMessages.plain(jackson.getOriginalMessage()) + ".");
        }
        if (field == null) {
            return new Described(null, "The request body must be a JSON object" + at(jackson.getLocation()) + ".");
        }
        if (jackson instanceof InputCoercionException) {
            String message = jackson.getOriginalMessage();
            if (message != null && message.contains("out of range of")) {
                // Jackson's own text names Java's types and limits ("out of range of `long` (-9223372036854775808 - ...)")
                return new Described(field, "is a number too large for this field" + at(jackson.getLocation()));
            }
            return new Described(field, "is out of range: " + JacksonMessages.plain(message) + at(jackson.getLocation()));
        }
        if (jackson.getOriginalMessage() != null && jackson.getOriginalMessage().startsWith(WellFormedText.MESSAGE)) {
            return new Described(field, WellFormedText.MESSAGE);
        }
        Class<?> target = jackson instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return new Described(field, "must be " + (target == null ? "a valid value" : describe(target)));
    }

    /** Names the JSON kind a Java type expects, for "must be ..." messages. */
    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

    private static JacksonException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
