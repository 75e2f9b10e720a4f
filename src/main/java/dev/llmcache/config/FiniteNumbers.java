package dev.llmcache.config;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Refuses JSON numbers that a double cannot carry ({@code 1e400} would become Infinity and be served
 * back as the string "Infinity"; {@code 1e-400} would become 0), in trees ({@link JsonNode}, such
 * as a stored result) and in double fields, with the parser's line and column.
 */
final class FiniteNumbers {

    private FiniteNumbers() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("finite-numbers");
        module.addDeserializer(JsonNode.class, new TreeDeserializer());
        module.addDeserializer(Double.class, new DoubleDeserializer(Double.class));
        module.addDeserializer(double.class, new DoubleDeserializer(double.class));
        return module;
    }

    /** The number the parser stands on, refused when its double is infinite or a non-zero value rounded to 0. */
    static double checked(JsonParser parser, double value) {
        if (Double.isFinite(value) && (value != 0.0 || isZero(parser.getString()))) {
            return value;
        }
        throw new InputCoercionException(parser, abbreviated(parser.getString())
                + " does not fit a JSON number (an IEEE 754 double: up to about 1.8e308, down to about 4.9e-324 when not 0)",
                JsonToken.VALUE_NUMBER_FLOAT, Double.TYPE);
    }

    private static boolean isZero(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviated(String literal) {
        return literal.length() <= 40 ? literal : literal.substring(0, 37) + "...";
    }

    /** Jackson's own tree deserializer, reading through a parser that checks every floating-point number. */
    private static final class TreeDeserializer extends StdDeserializer<JsonNode> {

        private final ValueDeserializer<?> standard = JsonNodeDeserializer.getDeserializer(JsonNode.class);

        TreeDeserializer() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            return (JsonNode) standard.deserialize(new CheckingParser(parser), context);
        }

        @Override
        public Object getNullValue(DeserializationContext context) {
            return standard.getNullValue(context);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return standard.getAbsentValue(context);
        }

        @Override
        public LogicalType logicalType() {
            return standard.logicalType();
        }
    }

    private static final class CheckingParser extends JsonParserDelegate {

        CheckingParser(JsonParser parser) {
            super(parser);
        }

        @Override
        public double getDoubleValue() {
            return checked(this, super.getDoubleValue());
        }
    }

    /** Jackson's own double deserializer, then the same check while the parser still stands on the number. */
    private static final class DoubleDeserializer extends StdDeserializer<Double> {

        private final ValueDeserializer<?> standard;

        DoubleDeserializer(Class<?> type) {
            super(type);
            this.standard = NumberDeserializers.find(type);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            Double value = (Double) standard.deserialize(parser, context);
            return value == null || parser.currentToken() == null || !parser.currentToken().isNumeric() ? value : checked(parser, value);
        }

        @Override
        public Object getNullValue(DeserializationContext context) {
            return standard.getNullValue(context);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Float;
        }
    }
}
