package dev.llmcache.budget;

/** A budget change whose thresholds, with the ones it keeps, are out of order; answered with 400. */
public class InvalidBudgetException extends RuntimeException {

    public InvalidBudgetException(String message) {
        super(message);
    }
}
