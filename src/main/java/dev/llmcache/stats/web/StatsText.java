package dev.llmcache.stats.web;

import dev.llmcache.stats.StatsReport;

import dev.llmcache.support.ByteSizes;

import dev.llmcache.budget.BudgetStatus;
import dev.llmcache.pricing.Money;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Renders the statistics and the budget as a report for a terminal, in the spirit of the old
 * tool's {@code cache status}.
 */
final class StatsText {

    private StatsText() {
    }

    static String render(StatsReport stats, BudgetStatus budget) {
        StringBuilder out = new StringBuilder();
        line(out, "LLM cache: namespace %s", stats.namespace());
        line(out, "=".repeat(60));
        line(out, "Entries:          %,d", stats.totalEntries());
        line(out, "Tokens:           %,d", stats.totalTokens());
        line(out, "Estimated cost:   %s", usd(stats.estimatedCostUsd()));
        line(out, "Lookups:          %,d hits, %,d misses (hit rate %.1f%%)", stats.hits(), stats.misses(), stats.hitRate() * 100);
        line(out, "Saved by hits:    %s", usd(stats.savedCostUsd()));
        StatsReport.PromptCache cache = stats.promptCache();
        line(out, "Prompt cache:     %,d tokens read, %,d written (all writes recorded)", cache.cachedInputTokens(),
                cache.cacheWriteTokens());
        line(out, "Saved by prompt cache: %s (cache reads against the full input price)", usd(cache.savedUsd()));
        line(out, "Paid twice:       %s", usd(stats.duplicateSpendUsd()));
        line(out, "");
        line(out, "Storage");
        line(out, "  Analysed files:             %s", ByteSizes.format(stats.totalFileSize()));
        line(out, "  Results as JSON:            %s", ByteSizes.format(stats.totalResultBytes()));
        // tiny results grow in a frame of their own: say "larger", not "-22.5% smaller"
        double saved = stats.spaceSavedPercent();
        line(out, "  Results compressed (zstd):  %s (%.1f%% %s than their JSON)", ByteSizes.format(stats.totalStoredBytes()),
                Math.abs(saved), saved < 0 ? "larger" : "smaller");
        StatsReport.Part dict = stats.compression().withDictionary();
        StatsReport.Part alone = stats.compression().withoutDictionary();
        line(out, "    with a dictionary:        %,d results, %s (%.1f%% of their JSON)", dict.entries(),
                ByteSizes.format(dict.storedBytes()), dict.storedPercent());
        line(out, "    alone:                    %,d results, %s (%.1f%% of their JSON)", alone.entries(),
                ByteSizes.format(alone.storedBytes()), alone.storedPercent());
        line(out, "  Database on disk:           %s (all namespaces: rows, indices and results)",
                ByteSizes.format(stats.databaseBytesOnDisk()));
        if (!stats.byType().isEmpty()) {
            line(out, "");
            line(out, "By cache type");
            line(out, "  %-16s %10s %14s %12s %10s %8s %8s", "type", "entries", "tokens", "cost", "stored", "hits", "misses");
            for (StatsReport.TypeRow row : stats.byType()) {
                line(out, "  %-16s %,10d %,14d %12s %10s %,8d %,8d", row.cacheType(), row.entries(), row.tokens(),
                        usd(row.costUsd()), ByteSizes.format(row.storedBytes()), row.hits(), row.misses());
            }
        }
        if (!stats.byModel().isEmpty()) {
            line(out, "");
            line(out, "By model");
            line(out, "  %-36s %10s %14s %12s", "provider/model", "entries", "tokens", "cost");
            for (StatsReport.ModelRow row : stats.byModel()) {
                line(out, "  %-36s %,10d %,14d %12s", row.provider() + "/" + row.model(), row.entries(), row.tokens(),
                        usd(row.costUsd()));
            }
        }
        line(out, "");
        line(out, "Budget (%s)", budget.month());
        line(out, "  %s %s", budget.emoji(), budget.message());
        line(out, "  Remaining: %s (about %,d tokens)", usd(budget.remainingUsd()), budget.estimatedTokensRemaining());
        line(out, "  Saved this month: %s; projected month end: %s", usd(budget.savedUsd()), usd(budget.projectedMonthEndUsd()));
        return out.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** Four decimals, as {@link Money#formatPrecise}; from the dollars themselves, since a projection may exceed a long of nano-dollars. */
    private static String usd(BigDecimal dollars) {
        return "$" + dollars.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
