package dev.llmcache.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import dev.llmcache.support.IntegrationTestSupport;
import dev.llmcache.support.SqliteIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

    @Test
    void everyProblemAnswerShowsAnExampleOfItsOwnStatusAndType() {
        JsonNode paths = document().get("paths");
        int checked = 0;
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                for (var response : operation.getValue().get("responses").properties()) {
                    int status = Integer.parseInt(response.getKey());
                    JsonNode problem = response.getValue().path("content").path("application/problem+json");
                    if (status < 400 || problem.isMissingNode()) {
                        continue;
                    }
                    String where = operation.getKey() + " " + path.getKey() + " " + status;
                    assertThat(problem.path("example").path("status").asInt()).as(where).isEqualTo(status);
                    assertThat(problem.path("example").path("type").asString()).as(where).startsWith("/problems/");
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(paths.at("/~1api~1v1~1entries/post/responses/507/content/application~1problem+json/example/type").asString())
                .isEqualTo("/problems/insufficient-storage");
        assertThat(paths.at("/~1api~1v1~1entries/post/responses/413/content/application~1problem+json/example/type").asString())
                .isEqualTo("/problems/payload-too-large");
    }

    @Test
    void answersWithoutABodyDeclareNoContent() {
        JsonNode paths = document().get("paths");
        assertThat(paths.at("/~1api~1v1~1entries~1{cacheKey}/get/responses/304").has("content")).isFalse();
        assertThat(paths.at("/~1api~1v1~1lookup/post/responses/304").has("content")).isFalse();
        assertThat(paths.at("/~1api~1v1~1entries~1{cacheKey}/head/responses/200").has("content")).isFalse();
        assertThat(paths.at("/~1api~1v1~1entries~1{cacheKey}/head/responses/404").has("content")).isFalse();
    }

    @Test
    void theSchemaMatchesWhatTheServerAccepts() {
        JsonNode document = document();
        JsonNode store = document.at("/components/schemas/StoreEntryRequest/properties");
        assertThat(store.at("/model/minLength").asInt()).isEqualTo(1);
        assertThat(store.at("/provider/minLength").asInt()).isEqualTo(1);
        // any JSON value: no type list, which generators turn into a union of scalars
        assertThat(store.get("result").has("type")).isFalse();
        assertThat(store.get("result").has("types")).isFalse();
        JsonNode stats = document.at("/paths/~1api~1v1~1stats/get");
        assertThat(stats.get("parameters").valueStream().map(p -> p.get("name").asString())).doesNotContain("Accept");
        assertThat(stats.at("/responses/200/content").has("text/plain")).isTrue();
        JsonNode namespace = stats.get("parameters").valueStream()
                .filter(p -> p.get("name").asString().equals("X-Cache-Namespace")).findFirst().orElseThrow();
        assertThat(namespace.get("schema").has("example")).as("Try it out would send the example").isFalse();
        assertThat(document.at("/info/license/identifier").asString()).isEqualTo("Apache-2.0");
        assertThat(document.at("/info/contact").isObject()).isTrue();
    }

    private JsonNode document() {
        return new ApiClient(port).get("/v3/api-docs").json();
    }
}
