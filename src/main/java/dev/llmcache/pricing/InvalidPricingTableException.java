package dev.llmcache.pricing;

import java.util.List;

/** A pricing configuration that cannot be used (a reload of it is refused; the table in force stays). */
public class InvalidPricingTableException extends InvalidPricingInputException {

    public InvalidPricingTableException(List<InvalidField> errors) {
        super(errors.size() == 1
                ? "The pricing configuration is invalid: " + errors.get(0).field() + " " + errors.get(0).message()
                        + ". The table in force stays."
                : "The pricing configuration is invalid (" + errors.size() + " errors, see errors). The table in force stays.",
                errors);
    }
}
