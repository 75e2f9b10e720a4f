package dev.llmcache.pricing;

import java.util.List;

/** A token count out of bounds (negative, or over {@link TokenCounts#MAX_TOKENS}); a 400 naming the field. */
public class InvalidTokenCountException extends InvalidPricingInputException {

    public InvalidTokenCountException(String field, String message) {
        super("Invalid request: " + field + " " + message + ".", List.of(new InvalidField(field, message)));
    }
}
