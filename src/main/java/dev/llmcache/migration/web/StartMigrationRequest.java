package dev.llmcache.migration.web;

import dev.llmcache.migration.LegacyLayout;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/v1/migrations}. */
@Schema(name = "StartMigrationRequest", description = "A legacy JSON cache directory to import into the request's namespace.")
record StartMigrationRequest(
        @Schema(description = "Absolute path of the legacy cache: a centralized cache's repos directory, or a repository "
                + "(or its .rustassistant or .rustassistant/cache) for LOCAL. Must lie inside cache.migration.allowed-roots.",
                example = "/home/ana/.rustassistant/cache/repos", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required") String source,

        @Schema(description = "How the Rust tool laid the cache out; AUTO recognises it.", defaultValue = "AUTO",
                example = "AUTO") LegacyLayout layout,

        @Schema(description = "Copy the source under cache.backup-dir before anything else; result.backupPath says where.",
                defaultValue = "false", example = "false") Boolean backup,

        @Schema(description = "Read every imported entry back and compare its result with the source file's; "
                + "mismatches are failures. Not with dryRun.", defaultValue = "false", example = "false") Boolean verify,

        @Schema(description = "Parse and report everything, store nothing.", defaultValue = "false", example = "false")
        Boolean dryRun) {

    LegacyLayout layoutOrAuto() {
        return layout == null ? LegacyLayout.AUTO : layout;
    }

    static boolean isTrue(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
