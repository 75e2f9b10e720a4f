package dev.llmcache.budget;

import dev.llmcache.web.FieldError;
import dev.llmcache.web.InvalidRequestException;
import java.util.List;

/** A budget change whose thresholds, with the ones it keeps, are out of order: a 400. */
public class InvalidBudgetException extends InvalidRequestException {

    InvalidBudgetException(String reason) {
        super(reason + ".", List.of(new FieldError("warningThreshold", reason)));
    }
}
