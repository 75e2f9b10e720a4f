package dev.llmcache.entry;

import dev.llmcache.support.Sha256;

/**
 * What makes two analyses the same: the cache key is derived from these and nothing else, so the
 * same content analysed with the same model, prompt and schema hits whichever clone asked.
 */
public record KeyFactors(String cacheType, String model, String fileHash, String promptHash, int schemaVersion) {

    /**
     * The contract's key: lowercase hex SHA-256 of
     * {@code cacheType \n model \n fileHash \n promptHash \n schemaVersion}.
     */
    public String cacheKey() {
        return Sha256.hex(cacheType + "\n" + model + "\n" + fileHash + "\n" + promptHash + "\n" + schemaVersion);
    }
}
