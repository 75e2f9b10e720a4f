package dev.llmcache.stats;

/** The maintained aggregates of one provider's model in one namespace, in database units. */
record ModelStats(String provider, String model, long entries, long tokens, long costNanos) {
}
