package dev.llmcache.entry;

import java.time.Instant;
import java.util.Optional;

/**
 * A lookup by key as one read saw it: the entry, and whether that same read also saw the key's live
 * lease (see {@link KeyReads#find}). When {@code leaseRead} is false the read says
 * nothing about leases and the caller asks the lease feature itself.
 *
 * @param entry the entry under the key, if any
 * @param leaseRead whether {@code lease} is what the read found (a live lease, or none)
 * @param lease the live lease on the key, when read and present
 */
public record KeyRead(Optional<StoredEntry> entry, boolean leaseRead, Optional<LiveLease> lease) {

    /** The id and expiry of the live lease on the key, as the leases table holds them. */
    public record LiveLease(String id, Instant expiresAt) {
    }

    static KeyRead entryOnly(Optional<StoredEntry> entry) {
        return new KeyRead(entry, false, Optional.empty());
    }
}
