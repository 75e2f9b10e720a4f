package dev.llmcache.lease;

/**
 * What asking for a lease gave: the lease itself when granted, or the live lease another client
 * holds. Exactly one of the two is set.
 */
public record LeaseGrant(Lease granted, Lease heldByOther) {

    static LeaseGrant granted(Lease lease) {
        return new LeaseGrant(lease, null);
    }

    static LeaseGrant held(Lease lease) {
        return new LeaseGrant(null, lease);
    }

    public boolean isGranted() {
        return granted != null;
    }
}
