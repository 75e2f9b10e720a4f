package dev.llmcache.migration;

import dev.llmcache.support.JacksonMessages;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one legacy file into a {@link LegacyEntry} or a {@link LegacyFailure}; never throws for bad
 * input, is stateless and may be shared between threads. Numbers are read with Jackson's defaults
 * (double, long, BigInteger), which is exact for anything the Rust tool's f64-based serde_json wrote and
 * equal, node for node, to what a default {@code JsonMapper} reads back from the stored result.
 */
public final class LegacyEntryParser {

    /** The contract's {@code cacheType} pattern, which the type directory's name must match. */
    static final Pattern CACHE_TYPE = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");
    /** As {@code cache.limits.max-request-bytes}: a larger file is a failure and is not read. */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final int MAX_JSON_MESSAGE = 160;
    /** The tail of databind messages names Java types and feature flags, which help no one fix a file. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final long maxFileBytes;

    public LegacyEntryParser() {
        this(DEFAULT_MAX_FILE_BYTES);
    }

    public LegacyEntryParser(long maxFileBytes) {
        if (maxFileBytes < 1 || maxFileBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxFileBytes must be from 1 to " + (Integer.MAX_VALUE - 1));
        }
        this.maxFileBytes = maxFileBytes;
    }

    /** The most bytes of a file this parser accepts; the scan reads one more. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    public LegacyOutcome parse(LegacyFile file) {
        String problem = placementProblem(file);
        if (problem != null) {
            return failure(file, problem);
        }
        // read by the scan through the directory it opened: a path is never opened again here
        byte[] bytes = file.content();
        if (bytes == null) {
            return failure(file, "cannot read the file: the scan did not read it");
        }
        if (bytes.length > maxFileBytes) {
            return failure(file, "the file is larger than " + maxFileBytes + " bytes, the most a migration reads");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            return failure(file, invalidJson(e));
        } catch (RuntimeException e) {
            // defensive: some number errors have escaped Jackson unwrapped; bad bytes must never stop a migration
            return failure(file, "invalid JSON: " + shorten(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return failure(file, "the file is empty");
        }
        if (!root.isObject()) {
            return failure(file, "the file must hold a JSON object, but holds " + JsonFields.typeOf(root));
        }
        try {
            return EntryFields.read(file, root, bytes.length);
        } catch (InvalidEntryException e) {
            return failure(file, e.getMessage());
        }
    }

    private static String placementProblem(LegacyFile file) {
        if (file.scanError() != null) {
            return file.scanError();
        }
        if (file.cacheType() == null) {
            return "the file lies directly in the cache directory; only files inside a cache type directory "
                    + "(such as cache/refactor/) are migrated";
        }
        if (!CACHE_TYPE.matcher(file.cacheType()).matches()) {
            return "cache type directory \"" + file.cacheType() + "\" is not a valid cache type (lower-case "
                    + "letter, then up to 31 of a-z 0-9 _ -): rename the directory to migrate its files";
        }
        if (file.repoPath().length() > EntryFields.MAX_PATH) {
            return "the repo path is " + file.repoPath().length() + " characters long, at most "
                    + EntryFields.MAX_PATH + " are allowed";
        }
        return null;
    }

    private static String invalidJson(JacksonException e) {
        String message = shorten(JacksonMessages.plain(e.getOriginalMessage()));
        TokenStreamLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return "invalid JSON: " + message;
        }
        return "invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message;
    }

    private static String shorten(String message) {
        return message != null && message.length() > MAX_JSON_MESSAGE
                ? message.substring(0, MAX_JSON_MESSAGE) + "..."
                : message;
    }

    private static LegacyFailure failure(LegacyFile file, String error) {
        return new LegacyFailure(file.path().toString(), file.cacheType(), error);
    }
}
