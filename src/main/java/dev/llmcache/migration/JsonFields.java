package dev.llmcache.migration;

import dev.llmcache.config.WellFormedText;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of one field of a JSON object, each failing with a sentence that names the field, the
 * type expected and the type found. A JSON null in an optional field reads as absent.
 */
final class JsonFields {

    private static final int MAX_QUOTED = 80;

    private JsonFields() {
    }

    static String requiredString(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null) {
            throw new InvalidEntryException("missing field " + field);
        }
        if (!node.isString()) {
            throw new InvalidEntryException("field " + field + " must be a string, was " + typeOf(node));
        }
        return checkedText(field, node.stringValue());
    }

    static String optionalString(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidEntryException("field " + field + " must be a string or null, was " + typeOf(node));
        }
        return checkedText(field, node.stringValue());
    }

    /**
     * Text the API would take: no lone surrogate (written as {@code ?} by UTF-8, so a path would be
     * stored changed) and no NUL (PostgreSQL's text cannot hold it), each a 400 through the API.
     */
    private static String checkedText(String field, String value) {
        if (!WellFormedText.isWellFormed(value)) {
            throw new InvalidEntryException("field " + field + " must be well-formed Unicode text, but holds a lone surrogate");
        }
        if (WellFormedText.holdsNul(value)) {
            throw new InvalidEntryException("field " + field + " must not hold the NUL character (\\u0000)");
        }
        return value;
    }

    static Long optionalWholeNumber(JsonNode root, String field, long min, long max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new InvalidEntryException("field " + field + " must be a number or null, was " + typeOf(node));
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min
                || node.longValue() > max) {
            throw new InvalidEntryException("field " + field + " must be a whole number from " + min + " to "
                    + max + ", was " + node);
        }
        return node.longValue();
    }

    static boolean holdsInfinity(JsonNode node) {
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                if (holdsInfinity(child)) {
                    return true;
                }
            }
            return false;
        }
        return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue());
    }

    static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        return "\"" + shown + "\"";
    }
}
