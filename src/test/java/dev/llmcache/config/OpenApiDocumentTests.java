package dev.llmcache.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed top-level {@code openapi.yaml} is exactly what the running server serves. After an
 * API change, regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiDocumentTests -Dopenapi.update=true} and review the diff.
 */
@SqliteIntegrationTest
class OpenApiDocumentTests extends IntegrationTestSupport {

    private static final Path COMMITTED = Path.of("openapi.yaml");

    @Test
    void committedOpenApiYamlEqualsWhatTheServerServes() throws Exception {
        ApiClient.Response served = new ApiClient(port).get("/v3/api-docs.yaml");
        assertThat(served.status()).isEqualTo(200);
        String yaml = served.body().replace("\r\n", "\n");
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, yaml, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED)).as("openapi.yaml exists; create it with -Dopenapi.update=true").isTrue();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("openapi.yaml is stale: run ./mvnw test -Dtest=OpenApiDocumentTests -Dopenapi.update=true")
                .isEqualTo(yaml);
    }

    @Test
    void everyApiOperationDocumentsItsErrorsAndTheNamespaceHeader() {
        String yaml = new ApiClient(port).get("/v3/api-docs.yaml").body();
        assertThat(yaml).contains("X-Cache-Namespace").contains("application/problem+json")
                .contains("/api/v1/entries/{cacheKey}").contains("/api/v1/lookup/batch").contains("/api/v1/budget/history")
                .contains("bearerToken");
    }
}
