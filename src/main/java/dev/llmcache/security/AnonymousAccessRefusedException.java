package dev.llmcache.security;

/** A start refused because the server would serve everyone as ADMIN on an address other than loopback. */
class AnonymousAccessRefusedException extends IllegalStateException {

    static final String ACTION = "Configure cache.security.tokens (docs/security.md, \"Tokens for a team\"), bind to loopback "
            + "(server.address=127.0.0.1, and management.server.address=127.0.0.1 when management.server.port is set), "
            + "or set cache.security.allow-anonymous=true to serve anyone as ADMIN on purpose.";

    private final String description;

    private AnonymousAccessRefusedException(String description) {
        super(description + " " + ACTION);
        this.description = description;
    }

    /** The refusal for these addresses ("0.0.0.0", "all interfaces", ...). */
    static AnonymousAccessRefusedException on(String exposed) {
        return new AnonymousAccessRefusedException(
                "Refusing to serve without access tokens on " + exposed + ": anyone could read, write and clear the cache.");
    }

    String description() {
        return description;
    }
}
