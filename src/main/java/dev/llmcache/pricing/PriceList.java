package dev.llmcache.pricing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One pricing table, ready for lookups and never changed: exact model names (case-insensitive)
 * are tried before any pattern, patterns in the table's order. Matching uses no regular
 * expression, so a model name with line breaks or any other character still reaches the
 * fallback row, which a valid table always has.
 */
final class PriceList {

    private final List<PricingProperties.Row> rows;
    private final Map<String, List<PricingProperties.Row>> exact = new LinkedHashMap<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private final PricingProperties.Row fallback;

    PriceList(List<PricingProperties.Row> rows) {
        this.rows = List.copyOf(rows);
        PricingProperties.Row last = null;
        for (PricingProperties.Row row : this.rows) {
            String model = fold(row.modelPattern());
            if (model.indexOf('*') < 0) {
                exact.computeIfAbsent(model, m -> new ArrayList<>()).add(row);
            } else {
                patterns.add(new Pattern(row, model));
                if (last == null && row.isFallback()) {
                    last = row;
                }
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("a pricing table needs a fallback row (provider '*', model-pattern '*')");
        }
        this.fallback = last;
    }

    List<PricingProperties.Row> rows() {
        return rows;
    }

    /** The first fallback row ('*' / '*'): what prices a model no other row names. */
    PricingProperties.Row fallback() {
        return fallback;
    }

    PricingProperties.Row priceOf(String provider, String model) {
        String foldedModel = fold(model);
        for (PricingProperties.Row row : exact.getOrDefault(foldedModel, List.of())) {
            if (providerMatches(row, provider)) {
                return row;
            }
        }
        for (Pattern pattern : patterns) {
            if (providerMatches(pattern.row(), provider) && globMatches(pattern.glob(), foldedModel)) {
                return pattern.row();
            }
        }
        return fallback;
    }

    private static boolean providerMatches(PricingProperties.Row row, String provider) {
        return "*".equals(row.provider()) || row.provider().equalsIgnoreCase(provider == null ? "" : provider);
    }

    private static String fold(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code text} matches {@code glob}, where {@code *} stands for any run of characters
     * (line breaks included) and every other character for itself. Greedy with backtracking to the
     * last star: at most length(glob) × length(text) steps, whatever the input.
     */
    static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    private record Pattern(PricingProperties.Row row, String glob) {
    }
}
