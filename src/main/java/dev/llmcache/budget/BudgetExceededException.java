package dev.llmcache.budget;

import dev.llmcache.web.ProblemException;
import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A lease asked for in a namespace whose budget is EXCEEDED while {@code cache.budget.enforce} is on:
 * 402, with {@code spentUsd} and {@code monthlyBudgetUsd}, and no lease. The client should not spend.
 */
public class BudgetExceededException extends ProblemException {

    static final URI TYPE = URI.create("/problems/budget-exceeded");

    BudgetExceededException(BudgetStatus status) {
        super(HttpStatus.PAYMENT_REQUIRED, TYPE, "The budget of namespace " + status.namespace() + " is exceeded ("
                + status.message() + ") and cache.budget.enforce is on: no lease is granted. Skip the analysis, "
                + "or raise the budget (PUT /api/v1/budget).");
        getBody().setProperty("spentUsd", status.spentUsd());
        getBody().setProperty("monthlyBudgetUsd", status.monthlyBudgetUsd());
        getHeaders().set(BudgetService.STATUS_HEADER, status.status().name());
    }
}
