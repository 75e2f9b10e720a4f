package dev.llmcache.budget;

import java.math.BigDecimal;

/** How close a namespace is to its budget, with the emoji and words the old tool printed. */
public enum BudgetLevel {
    OK("✅", "Budget OK"),
    WARNING("⚠️", "Budget Warning"),
    ALERT("🔶", "Budget Alert"),
    EXCEEDED("🚨", "Budget Exceeded");

    private final String emoji;
    private final String label;

    BudgetLevel(String emoji, String label) {
        this.emoji = emoji;
        this.label = label;
    }

    public String emoji() {
        return emoji;
    }

    public String label() {
        return label;
    }

    /** EXCEEDED at 100 % or more, ALERT at the alert threshold, WARNING at the warning one; exact at each boundary. */
    static BudgetLevel of(long spentNanos, BudgetSettings settings) {
        BigDecimal spent = BigDecimal.valueOf(spentNanos);
        BigDecimal budget = BigDecimal.valueOf(settings.monthlyNanos());
        if (spent.compareTo(budget) >= 0) {
            return EXCEEDED;
        }
        if (spent.compareTo(budget.multiply(BigDecimal.valueOf(settings.alertThreshold()))) >= 0) {
            return ALERT;
        }
        if (spent.compareTo(budget.multiply(BigDecimal.valueOf(settings.warningThreshold()))) >= 0) {
            return WARNING;
        }
        return OK;
    }
}
