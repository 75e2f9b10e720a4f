package dev.llmcache.migration;

/**
 * How the Rust tool laid out a legacy JSON cache; {@link #AUTO} asks {@link LegacySource#resolve} to
 * recognise it.
 */
public enum LegacyLayout {
    /** Recognise the layout from the directory's contents. */
    AUTO,
    /** {@code <source>/<8-hex repo hash>/meta.json} and {@code <source>/<hash>/cache/<cacheType>/**}. */
    CENTRALIZED,
    /** A repository's own {@code .rustassistant/cache/<cacheType>/**}. */
    LOCAL
}
