package dev.llmcache.compression;

import java.time.Instant;

/**
 * A trained dictionary as stored: its id is the zstd dictionary id in its header and in the header
 * of every frame compressed with it.
 *
 * @param samples results it was trained on
 * @param kindEntries entries the kind held when it was trained (the retraining rule compares with it)
 */
record Dictionary(long id, Kind kind, Instant createdAt, int samples, long kindEntries, byte[] bytes) {
}
