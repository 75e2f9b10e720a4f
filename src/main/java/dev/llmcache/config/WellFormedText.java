package dev.llmcache.config;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses a text field holding a lone surrogate ({@code "\ud800"} escaped in JSON): no UTF-8 can
 * carry it, so the database would store something else than was sent (or nothing, and fail). A 400
 * naming the field, rather than a 500 or a silently changed path.
 */
public final class WellFormedText {

    /** The start of the message of the refusal, for the error's wording. */
    public static final String MESSAGE = "must be well-formed Unicode text (it holds a lone surrogate such as \\ud800)";

    private WellFormedText() {
    }

    static SimpleModule module() {
        return new SimpleModule("well-formed-text").addDeserializer(String.class, new Deserializer());
    }

    /** True when the text holds a NUL character, which PostgreSQL's text cannot store (and no name has). */
    public static boolean holdsNul(String text) {
        return text.indexOf('\0') >= 0;
    }

    /** True when every surrogate of the text is half of a pair. */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class Deserializer extends StdScalarDeserializer<String> {

        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && !isWellFormed(value)) {
                throw InvalidFormatException.from(parser, MESSAGE, value, String.class);
            }
            return value;
        }
    }
}
