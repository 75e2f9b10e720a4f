package dev.llmcache.lease;

import java.time.Instant;

/** A live lease: the right of one client to compute a key of a namespace until it expires. */
public record Lease(String id, String namespace, String cacheKey, Instant expiresAt) {
}
