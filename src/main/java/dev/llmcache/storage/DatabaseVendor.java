package dev.llmcache.storage;

/** The two databases the server runs on; the few SQL differences branch on this. */
public enum DatabaseVendor {
    SQLITE, POSTGRESQL;

    static DatabaseVendor fromJdbcUrl(String url) {
        if (url == null || url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("spring.datasource.url must be a jdbc:postgresql: URL (or unset for the embedded SQLite database), was: "
                + url.replaceAll("password=[^&;]*", "password=***"));
    }
}
