package dev.llmcache.budget.web;

import dev.llmcache.budget.BudgetService;
import dev.llmcache.budget.BudgetStatus;
import dev.llmcache.budget.MonthActivity;
import dev.llmcache.web.Audited;
import dev.llmcache.web.Namespace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The namespace's monthly budget: status, changes and history. */
@RestController
@RequestMapping(path = "/api/v1/budget", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Budget", description = "Spend against the monthly budget")
class BudgetController {

    private final BudgetService service;

    BudgetController(BudgetService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(operationId = "getBudget", summary = "Budget status this UTC month",
            description = "Spend, status (OK, WARNING, ALERT, EXCEEDED), remaining dollars and tokens, savings and the month-end projection.")
    BudgetStatus status(Namespace namespace) {
        return service.status(namespace.value());
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Audited("budget-change")
    @Operation(operationId = "updateBudget", summary = "Change the budget (admin)", description = "Persisted in the database; answers the new status.")
    BudgetStatus update(Namespace namespace, @Valid @RequestBody BudgetUpdateRequest request) {
        return service.update(namespace.value(), request.monthlyBudgetUsd(), request.warningThreshold(),
                request.alertThreshold());
    }

    @GetMapping("/history")
    @Operation(operationId = "getBudgetHistory", summary = "Spend and savings per month", description = "Months with activity among the last `months`, newest first.")
    List<MonthActivity> history(Namespace namespace,
            @Parameter(description = "How many months back, this one included: 1 to 120.") @RequestParam(defaultValue = "12")
            @Min(value = 1, message = "must be between 1 and 120") @Max(value = 120, message = "must be between 1 and 120") int months) {
        return service.history(namespace.value(), months);
    }
}
