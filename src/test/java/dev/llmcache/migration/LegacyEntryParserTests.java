package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class LegacyEntryParserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HASH = "393d5460ff5da13f3adbda4ebc3bfcfba063ca82bc1d8bba5ac22615f0f5bfef";

    @TempDir
    Path dir;

    private Path typeDir;
    private ObjectNode entry;
    private final LegacyEntryParser parser = new LegacyEntryParser();

    @BeforeEach
    void validEntry() throws IOException {
        typeDir = Files.createDirectories(dir.resolve("cache/refactor"));
        entry = (ObjectNode) JSON.readTree("""
                {"file_path": "src/main.rs", "file_hash": "%s", "analyzed_at": "2026-02-04T03:12:42Z",
                 "provider": "xai", "model": "grok-beta", "result": {"ok": true}, "tokens_used": 10,
                 "file_size": 20, "cache_type": "refactor"}""".formatted(HASH));
    }

    @Test
    void validEntryParses() {
        LegacyEntry parsed = parseEntry();

        assertThat(parsed.fileHash()).isEqualTo(HASH);
        assertThat(parsed.result()).isEqualTo(JSON.readTree("{\"ok\": true}"));
        assertThat(parsed.tokensUsed()).isEqualTo(10L);
        assertThat(parsed.fileSize()).isEqualTo(20L);
    }

    @Test
    void fileHashMustBeSixtyFourHexCharactersAndIsLowercased() {
        entry.put("file_hash", HASH.toUpperCase());
        assertThat(parseEntry().fileHash()).isEqualTo(HASH);

        entry.put("file_hash", HASH.substring(1));
        assertFailure("field file_hash must be 64 hexadecimal characters (a SHA-256), was \""
                + HASH.substring(1) + "\"");
        entry.put("file_hash", HASH.substring(1) + "g");
        assertFailure("field file_hash must be 64 hexadecimal characters (a SHA-256), was \""
                + HASH.substring(1) + "g\"");
        entry.putNull("file_hash");
        assertFailure("field file_hash must be a string, was null");
        entry.put("file_hash", 7);
        assertFailure("field file_hash must be a string, was a number");
    }

    @Test
    void modelMustBeANonEmptyStringOfAtMost128Characters() {
        entry.put("model", "m".repeat(128));
        assertThat(parseEntry().model()).hasSize(128);

        entry.put("model", "m".repeat(129));
        assertFailure("field model is 129 characters long, at most 128 are allowed");
        entry.put("model", "");
        assertFailure("field model must not be empty");
        entry.putArray("model");
        assertFailure("field model must be a string, was an array");
    }

    @Test
    void resultMayBeAnyJsonValueButNull() {
        entry.put("result", "plain text");
        assertThat(parseEntry().result().stringValue()).isEqualTo("plain text");
        entry.put("result", false);
        assertThat(parseEntry().result().booleanValue()).isFalse();
        entry.putArray("result").add(1.5);
        assertThat(parseEntry().result()).isEqualTo(JSON.readTree("[1.5]"));

        entry.putNull("result");
        assertFailure("field result must not be null");
    }

    @Test
    void resultWithANumberBeyondDoubleRangeIsAFailureNotAnInfinity() {
        write("{\"file_hash\": \"%s\", \"model\": \"m\", \"result\": {\"deep\": [1, {\"x\": 1e400}]}}".formatted(HASH));

        assertFileFails("field result holds a number too large for a 64-bit float");
    }

    @Test
    void cacheKeyIsKeptLowercasedAsTheLegacyKeyWhen32Or64Hex() {
        entry.put("cache_key", "ABCDEF0123456789ABCDEF0123456789");
        assertThat(parseEntry().legacyKey()).isEqualTo("abcdef0123456789abcdef0123456789");
        entry.put("cache_key", HASH.toUpperCase());
        assertThat(parseEntry().legacyKey()).isEqualTo(HASH);
        entry.putNull("cache_key");
        assertThat(parseEntry().legacyKey()).isNull();

        entry.put("cache_key", "abcdef0123456789abcdef012345678");
        assertFailure("field cache_key must be 32 or 64 hexadecimal characters, was "
                + "\"abcdef0123456789abcdef012345678\"");
        entry.put("cache_key", 12);
        assertFailure("field cache_key must be a string or null, was a number");
    }

    @Test
    void schemaVersionDefaultsToOneAndMustBeAPositiveInteger() {
        assertThat(parseEntry().schemaVersion()).isEqualTo(1);
        entry.putNull("schema_version");
        assertThat(parseEntry().schemaVersion()).isEqualTo(1);
        entry.put("schema_version", 7);
        assertThat(parseEntry().schemaVersion()).isEqualTo(7);

        entry.put("schema_version", 0);
        assertFailure("field schema_version must be a whole number from 1 to 2147483647, was 0");
        entry.put("schema_version", 2147483648L);
        assertFailure("field schema_version must be a whole number from 1 to 2147483647, was 2147483648");
        entry.put("schema_version", 1.5);
        assertFailure("field schema_version must be a whole number from 1 to 2147483647, was 1.5");
        entry.put("schema_version", "2");
        assertFailure("field schema_version must be a number or null, was a string");
    }

    @Test
    void tokensUsedIsANonNegativeWholeNumberOrNull() {
        entry.putNull("tokens_used");
        assertThat(parseEntry().tokensUsed()).isNull();
        entry.remove("tokens_used");
        assertThat(parseEntry().tokensUsed()).isNull();
        entry.put("tokens_used", 1_000_000_000_000L);
        assertThat(parseEntry().tokensUsed()).isEqualTo(1_000_000_000_000L);

        entry.put("tokens_used", 1_000_000_000_001L);
        assertFailure("field tokens_used is 1000000000001, more than the 1000000000000 tokens one entry may carry");
        entry.put("tokens_used", Long.MAX_VALUE);
        assertFailure("field tokens_used is 9223372036854775807, more than the 1000000000000 tokens one entry may carry");

        entry.put("tokens_used", -1);
        assertFailure("field tokens_used must be a whole number from 0 to 9223372036854775807, was -1");
        entry.put("tokens_used", new java.math.BigInteger("9223372036854775808"));
        assertFailure("field tokens_used must be a whole number from 0 to 9223372036854775807, "
                + "was 9223372036854775808");
        entry.put("tokens_used", 2.5);
        assertFailure("field tokens_used must be a whole number from 0 to 9223372036854775807, was 2.5");
        entry.put("tokens_used", "5420");
        assertFailure("field tokens_used must be a number or null, was a string");
        entry.put("tokens_used", true);
        assertFailure("field tokens_used must be a number or null, was a boolean");
    }

    @Test
    void fileSizeIsANonNegativeWholeNumberOrNull() {
        entry.putNull("file_size");
        assertThat(parseEntry().fileSize()).isNull();

        entry.put("file_size", -5);
        assertFailure("field file_size must be a whole number from 0 to 9223372036854775807, was -5");
        entry.putObject("file_size");
        assertFailure("field file_size must be a number or null, was an object");
    }

    @ParameterizedTest
    @CsvSource({
            "2026-02-04T03:12:42.813401651+00:00, 2026-02-04T03:12:42.813401651Z",
            "2026-02-04T03:12:42Z, 2026-02-04T03:12:42Z",
            "2026-02-04t03:12:42.5z, 2026-02-04T03:12:42.500Z",
            "2026-02-04T05:12:42-02:00, 2026-02-04T07:12:42Z"})
    void analyzedAtIsAnRfc3339DateTime(String written, String expected) {
        entry.put("analyzed_at", written);

        assertThat(parseEntry().analyzedAt()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-04 03:12:42Z", "2026-02-04T03:12:42", "yesterday", "",
            "+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"})
    void analyzedAtWithoutOffsetOrInAnotherFormatIsAFailure(String written) {
        entry.put("analyzed_at", written);

        assertFailure("field analyzed_at must be an RFC 3339 date-time such as 2026-02-04T03:12:42.813401651+00:00, "
                + "was \"" + written + "\"");
    }

    @Test
    void analyzedAtOfAnotherTypeIsAFailure() {
        entry.put("analyzed_at", 1770174762);

        assertFailure("field analyzed_at must be a string or null, was a number");
    }

    @Test
    void missingAnalyzedAtIsTheFilesLastModifiedTime() throws IOException {
        entry.remove("analyzed_at");
        Path file = write(JSON.writeValueAsString(entry));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-12-24T18:00:00.25Z")));

        assertThat(parseEntry(file).analyzedAt()).isEqualTo(Instant.parse("2025-12-24T18:00:00.25Z"));
    }

    @Test
    void providerDefaultsToUnknownAndIsAtMost64Characters() {
        entry.remove("provider");
        assertThat(parseEntry().provider()).isEqualTo("unknown");
        entry.put("provider", "");
        assertThat(parseEntry().provider()).isEqualTo("unknown");
        entry.put("provider", "p".repeat(64));
        assertThat(parseEntry().provider()).hasSize(64);

        entry.put("provider", "p".repeat(65));
        assertFailure("field provider is 65 characters long, at most 64 are allowed");
        entry.put("provider", 1);
        assertFailure("field provider must be a string or null, was a number");
    }

    @Test
    void missingOrEmptyFilePathIsDerivedFromTheFilesPlaceBelowItsTypeDirectory() throws IOException {
        entry.remove("file_path");
        Path nested = Fixtures.write(typeDir.resolve("nested/deep/src_main_rs.json"), JSON.writeValueAsString(entry));
        assertThat(parseEntry(nested).filePath()).isEqualTo("nested/deep/src_main_rs");

        entry.put("file_path", "");
        assertThat(parseEntry().filePath()).isEqualTo("x");
    }

    @Test
    void filePathIsAtMost1024Characters() {
        entry.put("file_path", "f".repeat(1024));
        assertThat(parseEntry().filePath()).hasSize(1024);

        entry.put("file_path", "f".repeat(1025));
        assertFailure("field file_path is 1025 characters long, at most 1024 are allowed");
        entry.put("file_path", false);
        assertFailure("field file_path must be a string or null, was a boolean");
    }

    @Test
    void textWithALoneSurrogateOrANulIsAFailureNotAChangedValue() {
        // UTF-8 has no lone surrogate (it was stored as "?"); PostgreSQL's text has no NUL; the API refuses both too
        entry.put("file_path", "src/LONE.rs");
        write(JSON.writeValueAsString(entry).replace("LONE", "\\ud800")); // as the legacy file escapes it
        assertFileFails("field file_path must be well-formed Unicode text, but holds a lone surrogate");
        entry.put("file_path", "src/main.rs");
        entry.put("model", "grok\u0000beta");
        assertFailure("field model must not hold the NUL character (\\u0000)");
    }

    @Test
    void promptHashDefaultsToEmptyAndIsAtMost128Characters() {
        assertThat(parseEntry().promptHash()).isEmpty();
        entry.put("prompt_hash", "h".repeat(128));
        assertThat(parseEntry().promptHash()).hasSize(128);

        entry.put("prompt_hash", "h".repeat(129));
        assertFailure("field prompt_hash is 129 characters long, at most 128 are allowed");
        entry.put("prompt_hash", 5);
        assertFailure("field prompt_hash must be a string or null, was a number");
    }

    @Test
    void repoPathIsAtMost1024Characters() {
        Path file = write(JSON.writeValueAsString(entry));

        assertThat(parser.parse(LegacyFiles.read(file, "r".repeat(1024), "refactor", typeDir)))
                .isInstanceOf(LegacyEntry.class);
        assertThat(parser.parse(LegacyFiles.read(file, "r".repeat(1025), "refactor", typeDir)))
                .isEqualTo(new LegacyFailure(file.toString(), "refactor",
                        "the repo path is 1025 characters long, at most 1024 are allowed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "refactor", "a-b_c9", "abcdefghijklmnopqrstuvwxyz012345"})
    void typeDirectoryMatchingTheContractsPatternNamesTheCacheType(String type) {
        Path file = write(JSON.writeValueAsString(entry));

        assertThat(((LegacyEntry) parser.parse(LegacyFiles.read(file, "/repo", type, typeDir))).cacheType())
                .isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Refactor", "9abc", "-x", "_x", "a.b", "with space", "abcdefghijklmnopqrstuvwxyz0123456"})
    void typeDirectoryOutsideTheContractsPatternFailsEveryFileInIt(String type) {
        Path file = write(JSON.writeValueAsString(entry));

        assertThat(parser.parse(LegacyFiles.read(file, "/repo", type, typeDir))).isEqualTo(new LegacyFailure(
                file.toString(), type, "cache type directory \"" + type + "\" is not a valid cache type (lower-case "
                        + "letter, then up to 31 of a-z 0-9 _ -): rename the directory to migrate its files"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        entry.put("reviewer", "ana").putObject("extra").put("n", 1);

        assertThat(parseEntry().model()).isEqualTo("grok-beta");
    }

    @Test
    void jsonThatIsNotAnObjectOrIsMalformedIsAFailureWithItsPlace() {
        write("[1, 2]");
        assertFileFails("the file must hold a JSON object, but holds an array");
        write("  \n\t ");
        assertFileFails("the file is empty");
        write("{\"model\": \"a\", \"model\": \"b\"}");
        assertFileFails("invalid JSON at line 1, column 25: Duplicate property \"model\"");
        write("{}\n{}");
        assertFileFails("invalid JSON at line 2, column 1: "
                + "Trailing token (`JsonToken.START_OBJECT`) found after value");
        write("{\"model\": \"a\"");
        assertFileFails("invalid JSON at line 1, column 14: Unexpected end-of-input: expected close marker for Object");
    }

    @Test
    void fileLargerThanTheLimitIsNotRead() throws IOException {
        String json = JSON.writeValueAsString(entry);
        Path file = write(json);
        LegacyFile legacyFile = LegacyFiles.read(file, "/repo", "refactor", typeDir);

        assertThat(new LegacyEntryParser(json.length()).parse(legacyFile)).isInstanceOf(LegacyEntry.class);
        assertThat(new LegacyEntryParser(json.length() - 1).parse(legacyFile)).isEqualTo(new LegacyFailure(
                file.toString(), "refactor",
                "the file is larger than " + (json.length() - 1) + " bytes, the most a migration reads"));
        assertThatThrownBy(() -> new LegacyEntryParser(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theParserReadsOnlyWhatTheScanReadAndNeverOpensThePath() {
        Path file = write(JSON.writeValueAsString(entry));

        assertThat(parser.parse(LegacyFile.candidate(file, "/repo", "refactor", typeDir, null, null)))
                .isEqualTo(new LegacyFailure(file.toString(), "refactor", "cannot read the file: the scan did not read it"));
    }

    @Test
    void scanErrorsAndStrayFilesBecomeFailures() {
        Path file = write(JSON.writeValueAsString(entry));

        String denied = "cannot read refactor: permission denied";
        assertThat(parser.parse(LegacyFile.unreadable(typeDir, "/repo", "refactor", denied)))
                .isEqualTo(new LegacyFailure(typeDir.toString(), "refactor", denied));
        assertThat(parser.parse(LegacyFiles.read(file, "/repo", null, null))).isEqualTo(new LegacyFailure(
                file.toString(), null, "the file lies directly in the cache directory; only files inside a cache "
                        + "type directory (such as cache/refactor/) are migrated"));
    }

    private LegacyEntry parseEntry() {
        return parseEntry(write(JSON.writeValueAsString(entry)));
    }

    private LegacyEntry parseEntry(Path file) {
        LegacyOutcome outcome = parser.parse(LegacyFiles.read(file, "/repo", "refactor", typeDir));
        assertThat(outcome).isInstanceOf(LegacyEntry.class);
        return (LegacyEntry) outcome;
    }

    /** Writes the current {@code entry} and expects it to fail with {@code error}. */
    private void assertFailure(String error) {
        write(JSON.writeValueAsString(entry));
        assertFileFails(error);
    }

    /** Expects the file as it is now to fail with {@code error}. */
    private void assertFileFails(String error) {
        Path file = typeDir.resolve("x.json");
        assertThat(parser.parse(LegacyFiles.read(file, "/repo", "refactor", typeDir)))
                .isEqualTo(new LegacyFailure(file.toString(), "refactor", error));
    }

    private Path write(String json) {
        return Fixtures.write(typeDir.resolve("x.json"), json);
    }
}
