package dev.llmcache.entry;

import java.util.List;

/**
 * Published inside the transaction of a batch of imported results: the keys (cache keys and the
 * legacy keys they answer to) that now find an entry, so that any lease on them ends as a store's
 * would (API.md: "If the result is stored meanwhile it is answered as a hit"). One event a batch,
 * not one a result: an import writes thousands, and nearly always no one holds a lease on them.
 *
 * @param keys the 64-hex cache keys written, and the 32-hex legacy keys that find them now
 */
public record EntriesImported(String namespace, List<String> keys) {
}
