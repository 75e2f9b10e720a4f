package dev.llmcache.web;

/** What a token may do; each role includes the ones before it. */
public enum Role {
    /** Fetch, look up, list, and read statistics, budget, history, pricing and migrations. */
    READ,
    /** READ, and store entries and delete a single entry. */
    WRITE,
    /** WRITE, and clear, eviction, budget changes and migrations. */
    ADMIN
}
