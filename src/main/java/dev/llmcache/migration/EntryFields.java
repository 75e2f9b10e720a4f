package dev.llmcache.migration;

import static dev.llmcache.migration.JsonFields.holdsInfinity;
import static dev.llmcache.migration.JsonFields.optionalString;
import static dev.llmcache.migration.JsonFields.optionalWholeNumber;
import static dev.llmcache.migration.JsonFields.quote;
import static dev.llmcache.migration.JsonFields.requiredString;
import static dev.llmcache.migration.JsonFields.typeOf;

import dev.llmcache.pricing.TokenCounts;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks the fields of one legacy entry object against the contract and applies its defaults. A JSON
 * null in an optional field means the same as the field being absent (the Rust tool wrote {@code None}
 * as null); the file's {@code cache_type} is not read, because the directory names the cache type.
 */
final class EntryFields {

    static final int MAX_PATH = 1024;
    static final int MAX_PROVIDER = 64;
    static final int MAX_MODEL = 128;
    static final int MAX_PROMPT_HASH = 128;
    static final String DEFAULT_PROVIDER = "unknown";

    private static final Pattern FILE_HASH = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern LEGACY_KEY = Pattern.compile("[0-9a-fA-F]{32}|[0-9a-fA-F]{64}");

    private EntryFields() {
    }

    static LegacyEntry read(LegacyFile file, JsonNode root, long sourceBytes) {
        String fileHash = requiredString(root, "file_hash");
        if (!FILE_HASH.matcher(fileHash).matches()) {
            throw new InvalidEntryException("field file_hash must be 64 hexadecimal characters (a SHA-256), was "
                    + quote(fileHash));
        }
        String model = requiredString(root, "model");
        if (model.isEmpty()) {
            throw new InvalidEntryException("field model must not be empty");
        }
        checkLength("model", model, MAX_MODEL);
        JsonNode result = root.get("result");
        if (result == null) {
            throw new InvalidEntryException("missing field result");
        }
        if (result.isNull()) {
            throw new InvalidEntryException("field result must not be null");
        }
        if (holdsInfinity(result)) {
            // a double overflows to Infinity, which would be stored as the string "Infinity"
            throw new InvalidEntryException("field result holds a number too large for a 64-bit float");
        }
        String legacyKey = optionalString(root, "cache_key");
        if (legacyKey != null && !LEGACY_KEY.matcher(legacyKey).matches()) {
            throw new InvalidEntryException("field cache_key must be 32 or 64 hexadecimal characters, was "
                    + quote(legacyKey));
        }
        Long schemaVersion = optionalWholeNumber(root, "schema_version", 1, Integer.MAX_VALUE);
        Long tokensUsed = optionalWholeNumber(root, "tokens_used", 0, Long.MAX_VALUE);
        if (tokensUsed != null && !TokenCounts.withinBounds(tokensUsed)) {
            // the API refuses such counts too: the cost and the sums over entries must stay exact
            throw new InvalidEntryException("field tokens_used is " + tokensUsed + ", more than the " + TokenCounts.MAX_TOKENS
                    + " tokens one entry may carry");
        }
        Long fileSize = optionalWholeNumber(root, "file_size", 0, Long.MAX_VALUE);
        String provider = optionalString(root, "provider");
        provider = provider == null || provider.isEmpty() ? DEFAULT_PROVIDER : provider;
        checkLength("provider", provider, MAX_PROVIDER);
        String filePath = optionalString(root, "file_path");
        filePath = filePath == null || filePath.isEmpty() ? derivedFilePath(file) : filePath;
        checkLength("file_path", filePath, MAX_PATH);
        String promptHash = optionalString(root, "prompt_hash");
        promptHash = promptHash == null ? "" : promptHash;
        checkLength("prompt_hash", promptHash, MAX_PROMPT_HASH);
        return new LegacyEntry(file.path().toString(), file.repoPath(), file.cacheType(), filePath,
                fileHash.toLowerCase(Locale.ROOT), legacyKey == null ? null : legacyKey.toLowerCase(Locale.ROOT),
                analyzedAt(root, file), provider, model, promptHash,
                schemaVersion == null ? 1 : schemaVersion.intValue(), result, tokensUsed, fileSize, sourceBytes);
    }

    /**
     * The legacy file's path below its type directory without {@code .json} (such as
     * {@code nested/src_main_rs}): the Rust tool's file names are sanitised paths that cannot be turned
     * back, and this at least names the entry uniquely within its repository and type.
     */
    private static String derivedFilePath(LegacyFile file) {
        Path base = file.typeDir() != null ? file.typeDir() : file.path().getParent();
        String relative = base.relativize(file.path()).toString().replace('\\', '/');
        return relative.endsWith(".json") ? relative.substring(0, relative.length() - ".json".length()) : relative;
    }

    private static Instant analyzedAt(JsonNode root, LegacyFile file) {
        JsonNode node = root.get("analyzed_at");
        if (node == null || node.isNull()) {
            if (file.modifiedAt() == null) {
                throw new InvalidEntryException("field analyzed_at is missing and the file's modification time "
                        + "is unknown");
            }
            return file.modifiedAt();
        }
        if (!node.isString()) {
            throw new InvalidEntryException("field analyzed_at must be a string or null, was " + typeOf(node));
        }
        try {
            // RFC 3339 allows a lower-case t and z
            String text = node.stringValue().toUpperCase(Locale.ROOT);
            OffsetDateTime parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            // RFC 3339's year has four digits; Java also reads +999999999-12-31, whose milliseconds overflow a long
            if (parsed.getYear() < 0 || parsed.getYear() > 9999) {
                throw new DateTimeParseException("year out of range", text, 0);
            }
            return parsed.toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEntryException("field analyzed_at must be an RFC 3339 date-time such as "
                    + "2026-02-04T03:12:42.813401651+00:00, was " + quote(node.stringValue()));
        }
    }

    private static void checkLength(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidEntryException("field " + field + " is " + value.length()
                    + " characters long, at most " + max + " are allowed");
        }
    }
}
