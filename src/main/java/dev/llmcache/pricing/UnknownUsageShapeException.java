package dev.llmcache.pricing;

import java.util.List;

/** A {@code usage} object of no shape the server understands; a 400 whose message lists the shapes accepted. */
public class UnknownUsageShapeException extends InvalidPricingInputException {

    public UnknownUsageShapeException(String message) {
        super("Invalid request: usage " + message + ".", List.of(new InvalidField("usage", message)));
    }
}
