package dev.llmcache.compression;

/** A kind of result that gets a dictionary of its own: a namespace and a cache type, as ids of names. */
public record Kind(long namespaceId, long cacheTypeId) {
}
