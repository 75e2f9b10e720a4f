package dev.llmcache.lookup;

/**
 * Told of every lookup as it is counted, so that something outside the lookup path (the metrics)
 * can count it too. Called on the request thread of every hit: implementations must be cheap and
 * must not throw.
 */
public interface LookupObserver {

    /** A hit of an entry of this cache type; {@code savedNanos} is the entry's cost, saved by the hit. */
    void hit(String namespace, String cacheType, long savedNanos);

    /** A miss; {@code cacheType} is empty for a miss by key, whose cache type cannot be known. */
    void miss(String namespace, String cacheType);

    /** An entry whose stored result was damaged: answered as a miss (reported too) and removed. */
    default void corrupt(String namespace) {
    }
}
