package dev.llmcache.entry;

/**
 * A stored result that cannot be served as it was stored: its frame does not decompress, or holds
 * other bytes than the entry's size and ETag say. Lookups answer it as a miss and remove the entry.
 */
public class DamagedResultException extends RuntimeException {

    DamagedResultException(String reason) {
        super(reason, null, false, false);
    }
}
