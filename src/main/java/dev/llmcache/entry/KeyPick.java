package dev.llmcache.entry;

import java.util.Arrays;

/**
 * The row a read by key serves when both its arms answer: the entry whose cache key is the key,
 * else the first one whose legacy key it is (a legacy key may have 64 hex digits too). Rows are
 * offered in the statement's order; once the cache key's own row is in, the rest need not be read.
 */
final class KeyPick {

    private final byte[] key;
    private EntryRows.Row picked;

    KeyPick(byte[] key) {
        this.key = key;
    }

    /** Takes a row; true when it is the cache key's own, which ends the pick. */
    boolean offer(EntryRows.Row row) {
        if (Arrays.equals(row.cacheKey(), key)) {
            picked = row;
            return true;
        }
        picked = picked == null ? row : picked;
        return false;
    }

    /** The row to serve, or null when none was offered. */
    EntryRows.Row picked() {
        return picked;
    }
}
