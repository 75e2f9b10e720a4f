package dev.llmcache.budget;

/** A namespace's monthly budget in nano-dollars and its two thresholds (shares of the budget). */
record BudgetSettings(long monthlyNanos, double warningThreshold, double alertThreshold) {

    static boolean thresholdsValid(double warning, double alert) {
        return warning > 0 && warning < alert && alert <= 1;
    }
}
