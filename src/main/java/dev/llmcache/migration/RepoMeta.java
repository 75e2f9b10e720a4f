package dev.llmcache.migration;

import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the repo path from a centralized repository directory's {@code meta.json}. */
final class RepoMeta {

    static final String FILE_NAME = "meta.json";
    private static final int MAX_BYTES = 1 << 20;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RepoMeta() {
    }

    /**
     * The {@code path} of {@code <repoDir>/meta.json}; when the file is missing, a link, unreadable, not
     * JSON, or has no non-empty string {@code path}, the directory's own path stands for the repo path
     * (as the contract says for a missing file, and as the Rust tool did).
     */
    static String repoPath(SafeDirectory dir) {
        String repoDir = dir.path().toString();
        try {
            if (!dir.attributes(FILE_NAME).isRegularFile()) {
                return repoDir;
            }
            byte[] bytes = dir.read(FILE_NAME, MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return repoDir;
            }
            JsonNode path = MAPPER.readTree(bytes).path("path");
            return path.isString() && !path.stringValue().isEmpty() ? path.stringValue() : repoDir;
        } catch (IOException | JacksonException e) {
            return repoDir;
        }
    }
}
