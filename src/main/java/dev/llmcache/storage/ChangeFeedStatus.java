package dev.llmcache.storage;

/**
 * Whether this replica now hears the other replicas' changes of stored entries ({@link PostgresChangeListener}):
 * published when its listening connection is established and when it is lost. While it is not listening, a
 * change made elsewhere may go unheard, so nothing may be answered from a copy of an entry.
 *
 * @param listening true once {@code LISTEN} holds, false from the moment the connection failed or closed
 */
public record ChangeFeedStatus(boolean listening) {
}
